package dev.cvos.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.ServerProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies stream end to end: objects several times larger than the server's heap go in and come
 * out whole through a server process started with a small {@code -Xmx}.
 */
class StreamingProcessTest {
  @TempDir
  Path base;

  @Test
  void objectOf300MiBRoundTripsThroughAServerWith64MiBHeap() throws Exception {
    roundTrip(300L << 20, "-Xmx64m");
  }

  @Test
  @Tag("heavy")
  void objectOf2GiBRoundTripsThroughAServerWith256MiBHeap() throws Exception {
    roundTrip(2L << 30, "-Xmx256m");
  }

  private void roundTrip(long size, String heap) throws Exception {
    Path config = ProcessFixture.config(base, "stream", TestingDatabase.create(), Map.of());
    try (ServerProcess server = ServerProcess.start(base, config, List.of(heap, "-XX:+ExitOnOutOfMemoryError"))) {
      URI uri = server.awaitStarted(Duration.ofSeconds(90));
      WireClient client = ProcessFixture.client(base, uri);
      String expected = PatternStream.sha256(size, 42);

      Written written = client.put("big", "object", BodyPublishers.fromPublisher(
          BodyPublishers.ofInputStream(() -> new PatternStream(size, 42)), size), WriteOptions.none());
      assertThat(written.status()).isEqualTo(201);
      assertThat(written.info().size()).isEqualTo(size);
      assertThat(written.info().sha256()).isEqualTo(expected);

      HttpResponse<InputStream> get = client.get("big", "object", Map.of());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(get.headers().firstValueAsLong("Content-Length")).hasValue(size);
      try (InputStream body = get.body()) {
        assertThat(PatternStream.sha256(body)).isEqualTo(expected);
      }
      assertThat(server.isAlive()).as("the server survived (no OutOfMemoryError):\n%s", server.output()).isTrue();
      assertThat(server.output()).doesNotContain("OutOfMemoryError");
    }
  }
}
