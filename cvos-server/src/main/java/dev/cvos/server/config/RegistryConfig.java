package dev.cvos.server.config;

import java.time.Duration;

/**
 * This server's entry in the registry: {@code registry.*}.
 *
 * <ul>
 *   <li>{@code registry.heartbeat-interval}: how often this server marks itself as seen; default
 *       {@code 10s}.
 *   <li>{@code registry.interval}: how often this server re-reads the list of servers (and their
 *       certificates) and applies deletions it missed; default {@code 60s}.
 *   <li>{@code registry.offline-after}: a server not seen for this long is {@code offline} in the
 *       cluster view; default {@code 60s}; at least twice the heartbeat interval.
 * </ul>
 */
public final class RegistryConfig {
  private final Duration heartbeatInterval;
  private final Duration offlineAfter;
  private final Duration interval;

  public RegistryConfig(ConfigValues values) {
    this.heartbeatInterval = values.duration("registry.heartbeat-interval", Duration.ofSeconds(10),
        Duration.ofMillis(100), Duration.ofHours(1));
    this.offlineAfter = values.duration("registry.offline-after", Duration.ofSeconds(60),
        Duration.ofMillis(200), Duration.ofDays(1));
    this.interval = values.duration("registry.interval", Duration.ofSeconds(60),
        Duration.ofMillis(100), Duration.ofHours(1));
    if (offlineAfter.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
      values.error("registry.offline-after", "is " + offlineAfter + "; make it at least twice "
          + "registry.heartbeat-interval (" + heartbeatInterval + ") so one late heartbeat does not mark a server offline");
    }
  }

  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  /** How often the list of servers is re-read and missed deletions are applied. */
  public Duration interval() {
    return interval;
  }

  public Duration offlineAfter() {
    return offlineAfter;
  }
}
