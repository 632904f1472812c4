package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {
  private static final Path BASE = Path.of("/opt/cvos");

  @Test
  void defaults() throws Exception {
    ConfigValues values = values(Map.of());
    ProxyConfig config = new ProxyConfig(values, ServerRole.PRIMARY, BASE);
    values.finish();
    assertThat(config.balancePosts()).isTrue();
    assertThat(config.acceptTimeout()).isEqualTo(Duration.ofSeconds(8));
  }

  @Test
  void postsAreBalancedByDefaultOnlyOnThePrimary() throws Exception {
    ConfigValues values = values(Map.of());
    assertThat(new ProxyConfig(values, ServerRole.REDUNDANT_SECONDARY, BASE).balancePosts()).isFalse();
    assertThat(new ProxyConfig(values, ServerRole.SIMPLE_SECONDARY, BASE).balancePosts()).isFalse();
    values.finish();
  }

  @Test
  void explicitMapping() throws Exception {
    ConfigValues values = values(Map.of("balance.posts", "true", "proxy.accept-timeout", "1500ms"));
    ProxyConfig config = new ProxyConfig(values, ServerRole.REDUNDANT_SECONDARY, BASE);
    values.finish();
    assertThat(config.balancePosts()).isTrue();
    assertThat(config.acceptTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void balancingOnASimpleSecondaryAndABadTimeoutAreReported() {
    ConfigValues values = values(Map.of("balance.posts", "true", "proxy.accept-timeout", "soon"));
    new ProxyConfig(values, ServerRole.SIMPLE_SECONDARY, BASE);
    assertProblem(values, "balance.posts", "stores nothing");
    assertProblem(values, "proxy.accept-timeout", "write a duration");
  }
}
