package dev.cvos.server.config;

import java.time.Duration;

/**
 * Metrics: {@code metrics.*}.
 *
 * <ul>
 *   <li>{@code metrics.inventory-interval}: how often the objects and bytes stored are counted
 *       (a walk over the store's listing); default {@code 5m}.
 * </ul>
 */
public final class MetricsConfig {
  private final Duration inventoryInterval;

  public MetricsConfig(ConfigValues values) {
    this.inventoryInterval = values.duration("metrics.inventory-interval", Duration.ofMinutes(5),
        Duration.ofMillis(100), Duration.ofDays(1));
  }

  public Duration inventoryInterval() {
    return inventoryInterval;
  }
}
