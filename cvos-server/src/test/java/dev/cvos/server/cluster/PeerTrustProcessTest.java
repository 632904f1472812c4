package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosPaths;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers' trust and authentication with real server processes over one test database, with {@code
 * registry.interval} left at its default (60 s): a server that joins is relayed to within seconds
 * of its readiness; a relayed request needs the client certificate of a registered server besides
 * the peer key; a registry row whose URL answers with another certificate is never sent a request;
 * a row whose certificate cannot be read does not stop the others from being trusted.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PeerTrustProcessTest {
  private static final String BUCKET = "trust";
  private static final String PASSWORD = "test-password";

  private TestingDatabase database;
  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode c;
  private Path stranger;
  private ServerSocket impostor;
  private final AtomicInteger impostorHandshakes = new AtomicInteger();
  private final AtomicInteger impostorRequests = new AtomicInteger();
  private final ExecutorService impostorThreads = Executors.newCachedThreadPool();

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    database = TestingDatabase.create();
    Map<String, String> timing = Map.of("relay.timeout", "1500ms", "relay.margin", "250ms");
    a = new ClusterNode("trust-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("trust-b", "redundant-secondary", temp.resolve("b"), database, timing);
    c = new ClusterNode("trust-c", "redundant-secondary", temp.resolve("c"), database, timing);
    a.start();
    b.start();
    a.awaitStarted();
    b.awaitStarted();
    stranger = keytool(temp, "stranger");
    impostor = impostorListener(stranger);
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (ClusterNode node : Stream.of(a, b, c).filter(n -> n != null).toList()) {
      Files.writeString(Path.of("/tmp/trust-debug-" + node.id() + ".out"), node.process().output());
      node.close();
    }
    if (impostor != null) {
      impostor.close();
    }
    impostorThreads.shutdownNow();
  }

  @Test
  @Order(1)
  void aServerThatJoinsIsRelayedToWithinFiveSecondsOfItsReadiness() throws Exception {
    // Two rows written by hand first: one whose certificate is not a certificate, one whose URL
    // answers with another certificate than the one it registered.
    insertRow("broken-cert", "https://127.0.0.1:1", "SIMPLE_SECONDARY",
        "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    insertRow("impostor", "https://127.0.0.1:" + impostor.getLocalPort(), "REDUNDANT_SECONDARY",
        Files.readString(a.certificate(), StandardCharsets.US_ASCII));

    c.start();
    c.awaitStarted();
    Instant ready = awaitReady(c);
    c.client().put(BUCKET, "joined/one", BodyPublishers.ofString("from the new server"), WriteOptions.none());

    Instant deadline = ready.plus(Duration.ofSeconds(5));
    boolean relayed = false;
    while (!relayed && Instant.now().isBefore(deadline)) {
      relayed = relaysFromC(a) && relaysFromC(b);
      if (!relayed) {
        Thread.sleep(100);
      }
    }
    assertThat(relayed).as("GET through A and B of an object on C within 5 s of C's readiness "
        + "(registry.interval 60 s); took until " + Duration.between(ready, Instant.now())).isTrue();
    assertThat(occurrences(a.process().output(), "the certificate registered by server broken-cert cannot be read"))
        .as("a malformed certificate is logged once, with its server id").isEqualTo(1);
  }

  @Test
  @Order(2)
  void aRelayedRequestNeedsTheClientCertificateOfARegisteredServer() throws Exception {
    a.client().put(BUCKET, "marker/one", BodyPublishers.ofString("m"), WriteOptions.none());
    String path = CvosPaths.object(BUCKET, "marker/one");
    Map<String, String> peerHeaders = Map.of("X-Cvos-Relayed", "1", "Authorization", "Bearer " + ClusterNode.PEER_KEY);

    HttpResponse<String> noCertificate = b.client().exchange("GET", path, peerHeaders, BodyPublishers.noBody());
    assertThat(noCertificate.statusCode()).as("the peer key alone").isEqualTo(403);
    assertThat(b.client().errorBody(noCertificate.body()).error()).isEqualTo("forbidden");

    HttpResponse<String> unknownCertificate = client(b, stranger, PASSWORD)
        .exchange("GET", path, peerHeaders, BodyPublishers.noBody());
    assertThat(unknownCertificate.statusCode()).as("the peer key with a certificate no server registered")
        .isEqualTo(403);

    WireClient asA = client(b, a.base().resolve("data/tls/self-signed.p12"),
        Files.readString(a.base().resolve("data/tls/self-signed.password")).trim());
    HttpResponse<String> withoutKey = asA.exchange("GET", path, Map.of("X-Cvos-Relayed", "1",
        "Authorization", "Bearer " + TestingCvosServer.API_KEY), BodyPublishers.noBody());
    assertThat(withoutKey.statusCode()).as("A's certificate without the peer key").isEqualTo(403);

    HttpResponse<String> fromPeer = asA.exchange("GET", path, peerHeaders, BodyPublishers.noBody());
    assertThat(fromPeer.statusCode()).as("A's certificate and the peer key: answered from B's own storage")
        .isEqualTo(404);
    assertThat(fromPeer.headers().firstValue("X-Cvos-Server")).hasValue("trust-b");
  }

  @Test
  @Order(3)
  void aRowWhoseUrlAnswersWithAnotherCertificateIsNeverSentARequest() throws Exception {
    for (int i = 0; i < 3; i++) {
      // The object catalog names the impostor's row as the only holder, so the relay must ask it.
      catalogueOnImpostor("nowhere/" + i);
      HttpResponse<String> missing = a.client().exchange("GET", CvosPaths.object(BUCKET, "nowhere/" + i), Map.of(),
          BodyPublishers.noBody());
      assertThat(missing.statusCode()).as("an object whose only holder cannot be asked is unavailable")
          .isEqualTo(503);
    }

    assertThat(impostorHandshakes.get()).as("the relay tried the row's URL").isPositive();
    assertThat(impostorRequests.get()).as("requests (with the peer key) sent to the impostor").isZero();
    String address = "127.0.0.1:" + impostor.getLocalPort();
    assertThat(occurrences(a.process().output(), "the server at " + address + " is not trusted as a peer"))
        .as("the refusal is logged once").isEqualTo(1);
  }

  /** Waits for the line the server logs once it registered and serves: its readiness. */
  private static Instant awaitReady(ClusterNode node) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!node.process().output().contains("server " + node.id() + " started:")) {
      assertThat(Instant.now()).as("server " + node.id() + " ready within 60 s").isBefore(deadline);
      Thread.sleep(20);
    }
    return Instant.now();
  }

  private boolean relaysFromC(ClusterNode node) throws IOException, InterruptedException {
    HttpResponse<InputStream> got = node.client().get(BUCKET, "joined/one", Map.of());
    try (InputStream in = got.body()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return got.statusCode() == 200 && body.equals("from the new server")
          && got.headers().firstValue("X-Cvos-Source").orElse("").equals("trust-c");
    }
  }

  private void catalogueOnImpostor(String key) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
        PreparedStatement entry = connection.prepareStatement("INSERT INTO catalog_entry (bucket, object_key, version, "
            + "size, sha256, content_type, created) VALUES (?, ?, nextval('object_version_seq'), 1, ?, "
            + "'text/plain', now())");
        PreparedStatement holder = connection.prepareStatement(
            "INSERT INTO catalog_holder (bucket, object_key, holder) VALUES (?, ?, 'impostor')")) {
      entry.setString(1, BUCKET);
      entry.setString(2, key);
      entry.setString(3, "0".repeat(64));
      entry.executeUpdate();
      holder.setString(1, BUCKET);
      holder.setString(2, key);
      holder.executeUpdate();
    }
  }

  private void insertRow(String id, String url, String role, String certificatePem) throws Exception {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
        PreparedStatement insert = connection.prepareStatement("INSERT INTO server_registry (id, url, role, "
            + "storage_mode, version, registered_at, last_seen, certificate_pem) VALUES (?, ?, ?, 'LOCAL', 'test', "
            + "?, ?, ?)")) {
      Timestamp now = Timestamp.from(Instant.now());
      insert.setString(1, id);
      insert.setString(2, url);
      insert.setString(3, role);
      insert.setTimestamp(4, now);
      // Seen far ahead: the row stays a healthy storing server for the whole test.
      insert.setTimestamp(5, Timestamp.from(Instant.now().plus(Duration.ofHours(1))));
      insert.setString(6, certificatePem);
      insert.executeUpdate();
    }
  }

  /** A TLS server with its own certificate that counts handshakes and the requests that follow one. */
  private ServerSocket impostorListener(Path keyStore) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(keyStore, PASSWORD), null, null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
    impostorThreads.execute(() -> {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          impostorThreads.execute(() -> {
            try (socket) {
              impostorHandshakes.incrementAndGet();
              socket.setSoTimeout(10_000);
              if (socket.getInputStream().read() >= 0) {
                impostorRequests.incrementAndGet();
              }
            } catch (IOException e) {
              // the client refused the certificate: what is expected
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
    return server;
  }

  /** A client of {@code node} that presents the key entry of {@code keyStore} as its client certificate. */
  private static WireClient client(ClusterNode node, Path keyStore, String password) throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(node.certificate())) {
      trusted.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers(keyStore, password), trust.getTrustManagers(), null);
    return WireClient.builder(node.uri()).sslContext(context).apiKey(TestingCvosServer.API_KEY)
        .requestTimeout(Duration.ofSeconds(20)).build();
  }

  private static javax.net.ssl.KeyManager[] keyManagers(Path keyStore, String password) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, password.toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, password.toCharArray());
    return factory.getKeyManagers();
  }

  /** A self-signed key pair for 127.0.0.1 made by the JDK's keytool. */
  private static Path keytool(Path dir, String alias) throws Exception {
    Path keyStore = dir.resolve(alias + ".p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", alias,
        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + alias,
        "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD))
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    return keyStore;
  }

  private static int occurrences(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }
}
