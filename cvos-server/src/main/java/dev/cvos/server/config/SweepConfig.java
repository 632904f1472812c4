package dev.cvos.server.config;

import java.time.Duration;

/**
 * The background sweep that reclaims expired objects: {@code sweep.*}.
 *
 * <ul>
 *   <li>{@code sweep.interval}: time between sweeps; default {@code 1m}. Expired objects are gone
 *       for readers at once; the sweep only frees their bytes.
 * </ul>
 */
public final class SweepConfig {
  private final Duration interval;

  public SweepConfig(ConfigValues values) {
    this.interval = values.duration("sweep.interval", Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ofDays(1));
  }

  public Duration interval() {
    return interval;
  }
}
