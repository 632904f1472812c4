package dev.cvos.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.TlsConfig;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.OutputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
  @TempDir
  Path base;

  private TlsMaterial load(Map<String, String> values) throws Exception {
    ConfigValues config = ConfigValues.of(values, Map.of());
    ServerConfig server = new ServerConfig(config, base);
    return ServerTls.load(new TlsConfig(config, base), server, Clock.systemUTC());
  }

  @Test
  void selfSignedCertificateIsMadeOnceWithLocalhostSansAndReusedOnTheNextStart() throws Exception {
    TlsMaterial first = load(Map.of("server.id", "tls-test"));
    assertThat(Certificates.subjectAlternativeNames(first.certificate())).containsExactly("localhost", "127.0.0.1");
    assertThat(first.fingerprint()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
    Path dir = base.resolve("var/tls");
    assertThat(dir.resolve("server.crt")).exists();
    assertThat(Files.getPosixFilePermissions(dir.resolve("self-signed.p12")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(dir.resolve("self-signed.password")))
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    TlsMaterial second = load(Map.of("server.id", "tls-test"));
    assertThat(second.fingerprint()).isEqualTo(first.fingerprint());
  }

  @Test
  void aNewHostNameMakesANewCertificateThatHasIt() throws Exception {
    TlsMaterial first = load(Map.of("server.id", "tls-test"));
    TlsMaterial second = load(Map.of("server.id", "tls-test", "tls.hostnames", "cvos.example.com,10.1.2.3"));
    assertThat(second.fingerprint()).isNotEqualTo(first.fingerprint());
    assertThat(Certificates.subjectAlternativeNames(second.certificate()))
        .containsExactly("localhost", "127.0.0.1", "cvos.example.com", "10.1.2.3");
  }

  @Test
  void configuredKeystoreIsServedAndAClientThatDoesNotTrustItIsRefused() throws Exception {
    KeyStore store = SelfSignedCertificate.generate("configured", List.of(), "store-pass", Clock.systemUTC());
    Path p12 = base.resolve("configured.p12");
    try (OutputStream out = Files.newOutputStream(p12)) {
      store.store(out, "store-pass".toCharArray());
    }
    Path pem = base.resolve("configured.crt");
    Files.writeString(pem, Certificates.toPem(Certificates.keyCertificate(store)));
    try (TestingCvosServer server = TestingCvosServer.start(Map.of(
        "tls.keystore.path", p12.toString(), "tls.keystore.password", "store-pass"))) {
      WireClient trusting = WireClient.builder(server.httpsUri()).trustCertificate(pem)
          .apiKey(TestingCvosServer.API_KEY).build();
      HttpResponse<String> live = trusting.exchange("GET", "/health/live", Map.of(), BodyPublishers.noBody());
      assertThat(live.statusCode()).isEqualTo(200);
      assertThat(server.dataDir().resolve("tls/self-signed.p12")).doesNotExist();

      WireClient other = WireClient.builder(server.httpsUri()).build();
      org.assertj.core.api.Assertions.assertThatThrownBy(
          () -> other.exchange("GET", "/health/live", Map.of(), BodyPublishers.noBody()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }
}
