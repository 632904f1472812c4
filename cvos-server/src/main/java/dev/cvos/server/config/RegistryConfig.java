package dev.cvos.server.config;

import java.time.Duration;

/**
 * This server's entry in the registry: {@code registry.*}.
 *
 * <ul>
 *   <li>{@code registry.heartbeat-interval}: how often this server marks itself as seen; default
 *       {@code 10s}.
 *   <li>{@code registry.interval}: how often this server re-reads the list of servers (and their
 *       certificates); default {@code 60s}.
 *   <li>{@code registry.deletion-check-interval}: how often this server applies the deletions it
 *       missed; default {@code 1s}. Its storage is served only while the last check is at most
 *       three of these old, so keep three of them below {@code relay.timeout}: a server paused longer
 *       than a relayed DELETE waits then holds its reads until it has caught up.
 *   <li>{@code registry.offline-after}: a server not seen for this long is {@code offline} in the
 *       cluster view; default {@code 60s}; at least twice the heartbeat interval.
 * </ul>
 */
public final class RegistryConfig {
  private final Duration heartbeatInterval;
  private final Duration offlineAfter;
  private final Duration interval;
  private final Duration deletionCheckInterval;

  public RegistryConfig(ConfigValues values) {
    this.heartbeatInterval = values.duration("registry.heartbeat-interval", Duration.ofSeconds(10),
        Duration.ofMillis(100), Duration.ofHours(1));
    this.offlineAfter = values.duration("registry.offline-after", Duration.ofSeconds(60),
        Duration.ofMillis(200), Duration.ofDays(1));
    this.interval = values.duration("registry.interval", Duration.ofSeconds(60),
        Duration.ofMillis(100), Duration.ofHours(1));
    this.deletionCheckInterval = values.duration("registry.deletion-check-interval", Duration.ofSeconds(1),
        Duration.ofMillis(100), Duration.ofMinutes(10));
    if (offlineAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
      values.error("registry.offline-after", "is " + offlineAfter + "; make it at least twice "
          + "registry.heartbeat-interval (" + heartbeatInterval + ") so one late heartbeat does not mark a server offline");
    }
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** How often the list of servers is re-read. */
  public Duration interval() {
    return interval;
  }

  /** How often the deletions this server missed are applied. */
  public Duration deletionCheckInterval() {
    return deletionCheckInterval;
  }

  public Duration offlineAfter() {
    return offlineAfter;
  }
}
