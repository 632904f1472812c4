package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.RawHttps.Answer;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An authenticated upload whose body trickles in far below {@code http.min-body-rate} fails soon
 * (a client error, never 500) instead of holding a request thread until the idle timeout, and
 * leaves no object behind.
 */
class SlowBodyTest {
  private static final Duration PROMPT = Duration.ofSeconds(8);

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
  void anUploadBelowTheMinimumBodyRateFailsSoonWithAClientError() throws Exception {
    assertTrickleRefused("trickle");
  }

  @Test
  void aTrickleFailsAlsoWhileOtherUploadsRunFast() throws Exception {
    java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
    dev.cvos.server.testing.WireClient client = server.client();
    CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
      try {
        for (int i = 0; running.get(); i++) {
          client.put("slow", "fast-" + (i % 4), java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[256 << 10]),
              dev.cvos.api.WriteOptions.none());
        }
      } catch (IOException | InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      assertTrickleRefused("trickle-under-traffic");
    } finally {
      running.set(false);
      traffic.join();
    }
  }

  private static void assertTrickleRefused(String key) throws Exception {
    try (SSLSocket socket = raw.open()) {
      socket.setSoTimeout((int) PROMPT.toMillis());
      OutputStream out = socket.getOutputStream();
      out.write(("PUT /v1/objects/slow/" + key + " HTTP/1.1\r\nHost: " + server.httpsUri().getHost()
          + "\r\nAuthorization: Bearer " + TestingCvosServer.API_KEY + "\r\nContent-Length: 100000\r\n\r\n")
          .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
        try {
          for (int i = 0; i < 100 && !socket.isClosed(); i++) {
            out.write('x');
            out.flush();
            Thread.sleep(200);
          }
        } catch (IOException | InterruptedException e) {
          // the server gave up on the body: what this test wants
        }
      });
      long start = System.nanoTime();
      Answer answer;
      try {
        answer = RawHttps.readOne(socket.getInputStream());
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer within " + PROMPT + " while the body trickles", e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      socket.close();
      trickle.join();
      assertThat(took).isLessThan(PROMPT);
      if (answer != null) {
        assertThat(answer.status()).as(answer.toString()).isBetween(400, 499);
      }
    }
    assertThat(server.client().head("slow", key).statusCode()).isEqualTo(404);
  }
}
