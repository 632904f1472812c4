package dev.cvos.domain.relay;

/** How a server looks from here, as {@code GET /v1/cluster} reports it. */
public enum PeerState {
  /** Registered recently and not failing: asked in the first group. */
  HEALTHY,
  /** Failed or timed out recently: asked after the healthy ones until its cool-down ends. */
  DEPRIORITIZED,
  /** No heartbeat for several registry intervals: asked last. */
  OFFLINE;

  /** The lower-case name the API uses. */
  public String apiName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
