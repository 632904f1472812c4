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
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.acceptTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.bodyIdleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxConnections()).isEqualTo(64);
    assertThat(config.cooldown()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.registryRefresh()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.truststore()).isEmpty();
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
    ConfigValues values = values(Map.ofEntries(Map.entry("balance.posts", "true"),
        Map.entry("proxy.connect-timeout", "500ms"), Map.entry("proxy.accept-timeout", "1s"),
        Map.entry("proxy.body-idle-timeout", "2m"), Map.entry("proxy.max-connections", "8"),
        Map.entry("proxy.cooldown", "10s"), Map.entry("proxy.registry-refresh", "5s"),
        Map.entry("proxy.truststore", "conf/peers.p12"), Map.entry("proxy.truststore-password", "secret")));
    ProxyConfig config = new ProxyConfig(values, ServerRole.REDUNDANT_SECONDARY, BASE);
    values.finish();
    assertThat(config.balancePosts()).isTrue();
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.acceptTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.bodyIdleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.maxConnections()).isEqualTo(8);
    assertThat(config.cooldown()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.registryRefresh()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.truststore()).contains(BASE.resolve("conf/peers.p12"));
    assertThat(config.truststorePassword()).isEqualTo("secret");
    assertThat(config.toString()).doesNotContain("secret");
  }

  @Test
  void balancingOnASimpleSecondaryAndATruststoreWithoutPasswordAreReported() {
    ConfigValues values = values(Map.of("balance.posts", "true", "proxy.truststore", "peers.p12"));
    new ProxyConfig(values, ServerRole.SIMPLE_SECONDARY, BASE);
    assertProblem(values, "balance.posts", "stores nothing");
    assertProblem(values, "proxy.truststore-password", "is not set");
  }
}
