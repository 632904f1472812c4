package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.relay.RelayPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerAndRelayConfigTest {
  private static final Path BASE = Path.of("/opt/cvos");

  @Test
  void redundantSecondaryWithoutPeerKeyIsAStartErrorNamingTheKey() {
    ConfigValues values = values(Map.of());
    new PeerConfig(values, ServerRole.REDUNDANT_SECONDARY, BASE);
    assertProblem(values, "peer.key", "same long random peer.key on every server");
  }

  @Test
  void primaryWithoutPeerKeyServesAlone() throws Exception {
    ConfigValues values = values(Map.of());
    PeerConfig config = new PeerConfig(values, ServerRole.PRIMARY, BASE);
    values.finish();
    assertThat(config.key()).isEmpty();
  }

  @Test
  void shortPeerKeyIsRefusedAndTheKeyNeverPrinted() {
    ConfigValues values = values(Map.of("peer.key", "short"));
    new PeerConfig(values, ServerRole.PRIMARY, BASE);
    assertProblem(values, "peer.key", "shorter than 16");

    PeerConfig config = new PeerConfig(values(Map.of("peer.key", "cluster-secret-0123456789")),
        ServerRole.REDUNDANT_SECONDARY, BASE);
    assertThat(config.key()).hasValue("cluster-secret-0123456789");
    assertThat(config.toString()).doesNotContain("cluster-secret");
  }

  @Test
  void peerDefaultsAndRelativeTruststore() throws Exception {
    ConfigValues values = values(Map.of("peer.key", "cluster-secret-0123456789", "peer.truststore", "conf/peers.p12",
        "peer.cooldown", "5s"));
    PeerConfig config = new PeerConfig(values, ServerRole.PRIMARY, BASE);
    values.finish();
    assertThat(config.truststore()).hasValue(BASE.resolve("conf/peers.p12"));
    assertThat(config.cooldown()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.maxConnections()).isEqualTo(16);
  }

  @Test
  void relayDefaultsMatchTheDomainPolicy() throws Exception {
    ConfigValues values = values(Map.of());
    RelayConfig config = new RelayConfig(values);
    values.finish();
    assertThat(config.policy()).isEqualTo(RelayPolicy.DEFAULT);
  }

  @Test
  void headStartMustBeShorterThanTheTimeout() {
    ConfigValues values = values(Map.of("relay.timeout", "1s", "relay.head-start", "2s"));
    new RelayConfig(values);
    assertProblem(values, "relay.head-start", "shorter than relay.timeout");
  }
}
