package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.relay.PeerAnswer.Cause;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safety rule of forwarding, against real TLS sockets that misbehave the way a stopped or dying
 * storing server does: no byte of a client's body leaves before the storing server asks for it, so
 * a server that never answers can be given up on and the request sent elsewhere; once the body
 * started, a failure is final.
 */
class PeerForwarderTest {
  /**
   * The accept timeout covers the connection, the TLS handshake and the server's first answer: 2 s,
   * not 700 ms, because on a machine whose cores are all busy a cold JVM's first handshake alone
   * took longer than 700 ms, and a test that answers at once then failed as if never accepted.
   */
  private static final ForwardSettings SETTINGS =
      new ForwardSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 4);

  @TempDir
  static Path dir;

  private static TestCertificates certificates;
  private static PeerForwarder forwarder;
  private static final ExecutorService SERVERS = Executors.newCachedThreadPool();

  @BeforeAll
  static void start() throws Exception {
    certificates = TestCertificates.generate(dir, "storing");
    forwarder = PeerForwarder.start(SETTINGS, PeerTrust.pkcs12(certificates.truststore(), certificates.password()));
  }

  @AfterAll
  static void stop() {
    forwarder.close();
    SERVERS.shutdownNow();
  }

  @Test
  void aServerThatNeverAsksForTheBodyTimesOutBeforeAByteOfItWasTaken() throws Exception {
    try (ServerSocket server = tlsServer()) {
      CountDownLatch givenUp = new CountDownLatch(1);
      CompletableFuture<String> head = new CompletableFuture<>();
      SERVERS.submit(() -> {
        try (Socket socket = server.accept()) {
          head.complete(readHead(socket.getInputStream()));
          // never answers: holds the connection open until the forwarder has given up
          givenUp.await(30, TimeUnit.SECONDS);
        }
        return null;
      });
      CountingStream body = new CountingStream(1 << 20);
      ForwardFailure failure = catchThrowableOfType(ForwardFailure.class,
          () -> forwarder.forward(record(server.getLocalPort()), put(body)));
      givenUp.countDown();
      assertThat(head.get(10, TimeUnit.SECONDS)).as("the peer saw the request head").startsWith("PUT ");
      assertThat(failure.kind()).isEqualTo(Cause.TIMEOUT);
      assertThat(failure.bodyStarted()).isFalse();
      assertThat(failure.retriable()).isTrue();
      assertThat(body.read.get()).isZero();
    }
  }

  @Test
  void aServerThatDiesWhileTheBodyStreamsFailsTheRequestForGood() throws Exception {
    try (ServerSocket server = tlsServer()) {
      // The peer's checks run on its own thread: its Future is read below, so a failed check
      // there fails this test (a discarded Future would swallow it).
      Future<Void> peer = SERVERS.submit(() -> {
        try (Socket socket = server.accept()) {
          InputStream in = socket.getInputStream();
          String head = readHead(in);
          assertThat(head.toLowerCase()).contains("expect: 100-continue");
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          in.readNBytes(64 * 1024);
        }
        return null;
      });
      CountingStream body = new CountingStream(64 << 20);
      ForwardFailure failure = catchThrowableOfType(ForwardFailure.class,
          () -> forwarder.forward(record(server.getLocalPort()), put(body)));
      peer.get(10, TimeUnit.SECONDS);
      assertThat(failure.bodyStarted()).isTrue();
      assertThat(failure.retriable()).isFalse();
      assertThat(body.read.get()).isPositive();
    }
  }

  @Test
  void aRefusedConnectionIsRetriable() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0)) {
      port = closed.getLocalPort();
    }
    CountingStream body = new CountingStream(1000);
    ForwardFailure failure = catchThrowableOfType(ForwardFailure.class,
        () -> forwarder.forward(record(port), put(body)));
    assertThat(failure.kind()).isEqualTo(Cause.CONNECTION);
    assertThat(failure.retriable()).isTrue();
    assertThat(body.read.get()).isZero();
  }

  @Test
  void theClientsRequestIsForwardedAsSentWithoutHopByHopHeadersAndTheAnswerStreamsBack() throws Exception {
    try (ServerSocket server = tlsServer()) {
      var head = SERVERS.submit(() -> {
        try (Socket socket = server.accept()) {
          InputStream in = socket.getInputStream();
          String request = readHead(in);
          OutputStream out = socket.getOutputStream();
          out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          byte[] received = in.readNBytes(5);
          out.write(("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nX-Cvos-Server: b\r\n"
              + "Connection: close\r\nContent-Length: " + (received.length + 2) + "\r\n\r\n[" + new String(received,
              StandardCharsets.US_ASCII) + "]").getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return request;
        }
      });
      ForwardRequest request = new ForwardRequest("PUT", "/v1/objects/b/a%20key?x=1",
          List.of(Map.entry("Authorization", "Bearer client-key"), Map.entry("Connection", "keep-alive"),
              Map.entry("Content-Type", "text/plain"), Map.entry("Content-Length", "5")),
          new java.io.ByteArrayInputStream("hello".getBytes(StandardCharsets.US_ASCII)), 5);
      try (Forwarded answer = forwarder.forward(record(server.getLocalPort()), request)) {
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.serverId()).isEqualTo("storing");
        assertThat(answer.header("X-Cvos-Server")).isNull();
        assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        assertThat(new String(answer.body().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("[hello]");
      }
      String sent = head.get(10, TimeUnit.SECONDS);
      assertThat(sent).startsWith("PUT /v1/objects/b/a%20key?x=1 HTTP/1.1");
      assertThat(sent).contains("Authorization: Bearer client-key").contains("Content-Length: 5")
          .doesNotContainIgnoringCase("X-Cvos-Relayed").doesNotContainIgnoringCase("keep-alive");
    }
  }

  // Both cases send a DELETE, without a body: a PUT's Expect: 100-continue exchange takes any
  // final answer as the answer before a redirect or challenge handler could see it, so only a
  // request without a body shows whether those handlers are gone.
  @Test
  void aRedirectComesBackToTheClientAndIsNeverFollowed() throws Exception {
    try (ServerSocket server = tlsServer()) {
      String location = "https://127.0.0.1:" + server.getLocalPort() + "/v1/objects/b/elsewhere";
      Future<String> peer = answerOnce(server, "HTTP/1.1 307 Temporary Redirect\r\nLocation: " + location
          + "\r\nContent-Length: 0\r\n\r\n");

      try (Forwarded answer = forwarder.forward(record(server.getLocalPort()), delete())) {
        assertThat(answer.status()).isEqualTo(307);
        assertThat(answer.header("Location")).isEqualTo(location);
      }
      assertThat(peer.get(10, TimeUnit.SECONDS)).startsWith("DELETE /v1/objects/b/k ");
    }
  }

  @Test
  void anAuthenticationChallengeComesBackToTheClientAndIsNeverAnswered() throws Exception {
    try (ServerSocket server = tlsServer()) {
      Future<String> peer = answerOnce(server, "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Basic realm=\"x\"\r\n"
          + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

      try (Forwarded answer = forwarder.forward(record(server.getLocalPort()), delete())) {
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("WWW-Authenticate")).isEqualTo("Basic realm=\"x\"");
      }
      assertThat(peer.get(10, TimeUnit.SECONDS)).contains("Authorization: Bearer client-key");
    }
  }

  /**
   * Accepts one connection, reads a request head and writes {@code answer} without asking for the
   * body, then closes: a client that followed the answer with a second request gets no answer.
   */
  private static Future<String> answerOnce(ServerSocket server, String answer) {
    return SERVERS.submit(() -> {
      try (Socket socket = server.accept()) {
        String head = readHead(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        out.write(answer.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return head;
      }
    });
  }

  private static ForwardRequest delete() {
    return new ForwardRequest("DELETE", "/v1/objects/b/k", List.of(Map.entry("Authorization", "Bearer client-key")),
        null, 0);
  }

  private static ForwardRequest put(InputStream body) {
    return new ForwardRequest("PUT", "/v1/objects/b/k", List.of(Map.entry("Authorization", "Bearer client-key")),
        body, -1);
  }

  private static ServerRecord record(int port) {
    return new ServerRecord("storing", URI.create("https://127.0.0.1:" + port), ServerRole.PRIMARY, StorageMode.LOCAL,
        "0.1.0", Instant.now());
  }

  private static ServerSocket tlsServer() throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.keystore())) {
      keys.load(in, certificates.password().toCharArray());
    }
    KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    managers.init(keys, certificates.password().toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(managers.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0);
    return server;
  }

  /** Reads a request head up to the empty line. */
  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      head.write(b);
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
    return head.toString(StandardCharsets.US_ASCII);
  }

  /** A body of zeros that counts the bytes taken from it. */
  private static final class CountingStream extends InputStream {
    private final long size;
    final AtomicLong read = new AtomicLong();

    CountingStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      return read.get() < size ? (int) (read.incrementAndGet() & 0) : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      long left = size - read.get();
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(length, left);
      read.addAndGet(n);
      return n;
    }
  }
}
