package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerClientSettingsTest {
  @TempDir Path dir;

  @Test
  void settingsNeverPrintTheirSecrets() {
    PeerClientSettings settings = new PeerClientSettings(dir.resolve("trust.p12"), "store-secret",
        "peer-secret", Duration.ofSeconds(2), Duration.ofSeconds(30), 16);

    assertThat(settings.toString()).doesNotContain("store-secret", "peer-secret").contains("trust.p12");
  }

  @Test
  void aBlankPeerKeyIsRefused() {
    assertThatThrownBy(() -> new PeerClientSettings(dir.resolve("trust.p12"), "x", " ",
        Duration.ofSeconds(2), Duration.ofSeconds(30), 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("peerKey");
  }

  @Test
  void anUnreadableTruststoreStopsTheStartNamingTheFile() throws Exception {
    Path garbage = Files.writeString(dir.resolve("trust.p12"), "not a key store");
    PeerClientSettings settings = new PeerClientSettings(garbage, "x", "peer-secret",
        Duration.ofSeconds(2), Duration.ofSeconds(30), 16);

    assertThatThrownBy(() -> HttpPeerGateway.start(settings))
        .isInstanceOf(PeerTransportException.class)
        .hasMessageContaining(garbage.toString());
  }
}
