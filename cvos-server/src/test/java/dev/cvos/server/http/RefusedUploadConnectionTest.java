package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.RawHttps.Answer;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upload refused by authentication (401, or 403 for a client's relayed marker) is refused
 * fast: answered at once with {@code Connection: close}, without reading its body, and the
 * connection is closed; a client that trickles its body holds no request thread. A client that
 * sends its whole body at once still gets the answer (not a connection reset).
 */
class RefusedUploadConnectionTest {
  private static final int BODY = 1 << 20;
  private static final Duration PROMPT = Duration.ofSeconds(5);

  private static TestingCvosServer server;
  private static RawHttps raw;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    raw = new RawHttps(server.httpsUri(), server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aRefusedUploadWithoutAKeyIsAnsweredAndTheConnectionClosed() throws Exception {
    assertAnsweredWhileTheBodyStreams("", 401, "unauthorized");
  }

  @Test
  void aRefusedUploadWithTheRelayMarkerIsAnsweredAndTheConnectionClosed() throws Exception {
    assertAnsweredWhileTheBodyStreams("Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\nX-Cvos-Relayed: 1\r\n",
        403, "forbidden");
  }

  @Test
  void aRefusedUploadWhoseBodyTricklesIsAnsweredAtOnce() throws Exception {
    try (SSLSocket socket = raw.open()) {
      socket.setSoTimeout((int) PROMPT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /v1/objects/refused/slow HTTP/1.1\r\nHost: " + server.httpsUri().getHost()
          + "\r\nContent-Length: 16777216\r\n\r\nx").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      long start = System.nanoTime();
      Answer refused = RawHttps.readToClose(socket.getInputStream());
      assertThat(refused).as("an answer while the body trickles, then the connection closed").isNotNull();
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.headers().get("connection")).isEqualTo("close");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPT);
    }
  }

  private static void assertAnsweredWhileTheBodyStreams(String headerLines, int status, String code) throws Exception {
    for (int attempt = 0; attempt < 20; attempt++) {
      try (SSLSocket socket = raw.open()) {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        String host = "Host: " + server.httpsUri().getHost() + "\r\n";
        out.write(("PUT /v1/objects/refused/k HTTP/1.1\r\n" + host + headerLines + "Content-Length: " + BODY
            + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        CompletableFuture<Void> upload = CompletableFuture.runAsync(() -> {
          try {
            byte[] chunk = new byte[16 * 1024];
            for (int sent = 0; sent < BODY; sent += chunk.length) {
              out.write(chunk);
            }
            out.flush();
          } catch (IOException e) {
            // the server closed the connection after its answer: the rest of the body is not wanted
          }
        });
        socket.setSoTimeout((int) PROMPT.toMillis());
        Answer refused = RawHttps.readToClose(in);
        assertThat(refused).as("attempt %d: the answer, not a reset", attempt).isNotNull();
        assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
        assertThat(refused.body()).contains("\"error\":\"" + code + "\"");
        assertThat(refused.headers().get("connection")).as(refused.toString()).isEqualTo("close");
        upload.get();
      }
    }
  }
}
