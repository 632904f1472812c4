package dev.cvos.domain.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How peers are ranked.
 *
 * @param cooldown how long a peer that failed or timed out stays de-prioritized (asked after the
 *     healthy ones) unless it answers well before; positive
 * @param registryInterval how often servers heartbeat and re-read the registry; positive
 * @param offlineAfterIntervals a server whose last heartbeat is older than this many registry
 *     intervals is offline; at least 1
 */
public record RankingPolicy(Duration cooldown, Duration registryInterval, int offlineAfterIntervals) {
  /** 30 s cool-down, 60 s registry interval, offline after 3 missed intervals. */
  public static final RankingPolicy DEFAULT =
      new RankingPolicy(Duration.ofSeconds(30), Duration.ofSeconds(60), 3);

  public RankingPolicy {
    Objects.requireNonNull(cooldown, "cooldown");
    Objects.requireNonNull(registryInterval, "registryInterval");
    if (cooldown.isNegative() || cooldown.isZero()) {
      throw new IllegalArgumentException("cooldown must be positive: " + cooldown);
    }
    if (registryInterval.isNegative() || registryInterval.isZero()) {
      throw new IllegalArgumentException("registryInterval must be positive: " + registryInterval);
    }
    if (offlineAfterIntervals < 1) {
      throw new IllegalArgumentException(
          "offlineAfterIntervals must be at least 1: " + offlineAfterIntervals);
    }
  }

  /** How old a heartbeat may be before its server counts as offline. */
  public Duration offlineAfter() {
    return registryInterval.multipliedBy(offlineAfterIntervals);
  }
}
