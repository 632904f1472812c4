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
    PeerClientSettings settings = new PeerClientSettings("peer-secret", Duration.ofSeconds(2), Duration.ofSeconds(30),
        16);

    assertThat(settings.toString()).doesNotContain("peer-secret").contains("peerKey=***");
  }

  @Test
  void aBlankPeerKeyIsRefused() {
    assertThatThrownBy(() -> new PeerClientSettings(" ",
        Duration.ofSeconds(2), Duration.ofSeconds(30), 16))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("peerKey");
  }

  @Test
  void anUnreadableTruststoreStopsTheStartNamingTheFile() throws Exception {
    Path garbage = Files.writeString(dir.resolve("trust.p12"), "not a key store");

    assertThatThrownBy(() -> PeerTrust.pkcs12(garbage, "x"))
        .isInstanceOf(PeerTransportException.class)
        .hasMessageContaining(garbage.toString());
  }
}
