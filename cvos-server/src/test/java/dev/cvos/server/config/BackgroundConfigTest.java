package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SweepConfig, RegistryConfig and MetricsConfig: one interval setting or two each. */
class BackgroundConfigTest {
  @Test
  void defaults() throws Exception {
    ConfigValues values = values(Map.of());
    assertThat(new SweepConfig(values).interval()).isEqualTo(Duration.ofMinutes(1));
    RegistryConfig registry = new RegistryConfig(values);
    assertThat(registry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(registry.offlineAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(registry.deletionCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(new MetricsConfig(values).inventoryInterval()).isEqualTo(Duration.ofMinutes(5));
    values.finish();
  }

  @Test
  void explicitMapping() throws Exception {
    ConfigValues values = values(Map.of("sweep.interval", "250ms", "registry.heartbeat-interval", "2s",
        "registry.offline-after", "10s", "metrics.inventory-interval", "1h",
        "registry.deletion-check-interval", "250ms"));
    assertThat(new SweepConfig(values).interval()).isEqualTo(Duration.ofMillis(250));
    RegistryConfig registry = new RegistryConfig(values);
    assertThat(registry.heartbeatInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(registry.offlineAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(registry.deletionCheckInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(new MetricsConfig(values).inventoryInterval()).isEqualTo(Duration.ofHours(1));
    values.finish();
  }

  @Test
  void offlineAfterShorterThanTwoHeartbeatsIsRefused() {
    ConfigValues values = values(Map.of("registry.heartbeat-interval", "10s", "registry.offline-after", "15s"));
    new RegistryConfig(values);
    assertProblem(values, "registry.offline-after", "at least twice");
  }
}
