package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsConfigTest {
  @TempDir
  Path base;

  @Test
  void defaults() throws Exception {
    ConfigValues values = values(Map.of());
    TlsConfig config = new TlsConfig(values, base);
    values.finish();
    assertThat(config.keystorePath()).isEmpty();
    assertThat(config.hostnames()).isEmpty();
    assertThat(config.sniHostCheck()).isTrue();
  }

  @Test
  void explicitMappingKeepsThePasswordOutOfToString() throws Exception {
    Files.writeString(base.resolve("server.p12"), "not checked here");
    ConfigValues values = values(Map.of("tls.keystore.path", "server.p12", "tls.keystore.password", "s3cret-pass",
        "tls.hostnames", "cvos.example.com, 10.0.0.5", "tls.sni-host-check", "false"));
    TlsConfig config = new TlsConfig(values, base);
    values.finish();
    assertThat(config.keystorePath()).contains(base.resolve("server.p12"));
    assertThat(config.keystorePassword()).isEqualTo("s3cret-pass");
    assertThat(config.hostnames()).containsExactly("cvos.example.com", "10.0.0.5");
    assertThat(config.sniHostCheck()).isFalse();
    assertThat(config.toString()).doesNotContain("s3cret-pass");
  }

  @Test
  void missingKeystoreAndPasswordAreReported() {
    ConfigValues values = values(Map.of("tls.keystore.path", "absent.p12"));
    new TlsConfig(values, base);
    assertProblem(values, "tls.keystore.path", "cannot be read");
    assertProblem(values, "tls.keystore.password", "is not set");
  }
}
