package dev.cvos.server.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosPaths;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A relayed request over a real HTTPS connector: the peer key alone is refused; with the client
 * certificate of a registered server (this server's own, registered at its start) it passes.
 */
class RelayedRequestCheckTest {
  private static final String PEER_KEY = "relayed-check-peer-key-0123456789";
  private static final Map<String, String> RELAYED = Map.of("X-Cvos-Relayed", "1", "Authorization", "Bearer " + PEER_KEY);

  private static TestingCvosServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start(Map.of("peer.key", PEER_KEY));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void theRelayedMarkerWithThePeerKeyButNoClientCertificateIsForbidden() throws Exception {
    HttpResponse<String> answer = server.client().exchange("GET", CvosPaths.object("b", "k"), RELAYED,
        BodyPublishers.noBody());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(server.client().errorBody(answer.body()).error()).isEqualTo("forbidden");
  }

  @Test
  void theRelayedMarkerWithARegisteredClientCertificateAndThePeerKeyIsAnsweredLocally() throws Exception {
    Path tls = server.dataDir().resolve("tls");
    WireClient peer = clientPresenting(tls.resolve("self-signed.p12"),
        Files.readString(tls.resolve("self-signed.password")).trim());

    HttpResponse<String> answer = peer.exchange("GET", CvosPaths.object("b", "k"), RELAYED, BodyPublishers.noBody());

    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(404);
    assertThat(peer.errorBody(answer.body()).error()).isEqualTo("not_found");
  }

  private static WireClient clientPresenting(Path keyStore, String password) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, password.toCharArray());
    }
    KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, password.toCharArray());
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(server.certificate())) {
      trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trust.getTrustManagers(), null);
    return WireClient.builder(server.httpsUri()).sslContext(context).apiKey(TestingCvosServer.API_KEY)
        .requestTimeout(Duration.ofSeconds(20)).build();
  }
}
