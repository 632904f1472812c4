package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.RawHttps.Answer;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An upload refused by authentication (401, or 403 for a client's relayed marker) before its body
 * was read must leave the kept-alive connection usable: a client that reuses it for its next
 * request gets an answer, not a connection closed under it. The body is written by a second
 * thread, as a client streaming an upload does, while the answer is read.
 */
class RefusedUploadConnectionTest {
  private static final int BODY = 1 << 20;

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
  void aRefusedUploadWithoutAKeyLeavesTheConnectionUsable() throws Exception {
    assertNextRequestAnswered("", 401, "unauthorized");
  }

  @Test
  void aRefusedUploadWithTheRelayMarkerLeavesTheConnectionUsable() throws Exception {
    assertNextRequestAnswered("Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\nX-Cvos-Relayed: 1\r\n",
        403, "forbidden");
  }

  private static void assertNextRequestAnswered(String headerLines, int status, String code) throws Exception {
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
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      Answer refused = RawHttps.readOne(in);
      assertThat(refused).isNotNull();
      assertThat(refused.status()).as(refused.toString()).isEqualTo(status);
      assertThat(refused.body()).contains("\"error\":\"" + code + "\"");
      assertThat(refused.headers().get("connection")).as(refused.toString()).isNull();
      upload.get();

      out.write(("GET /health/live HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      Answer next = RawHttps.readOne(in);
      assertThat(next).as("the answer to the next request on the same connection").isNotNull();
      assertThat(next.status()).as(next.toString()).isEqualTo(200);
    }
  }
}
