package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.CvosApiException;
import dev.cvos.server.testing.WireClient;
import dev.cvos.api.ErrorCode;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The configured maximum object size: 413 up front from Content-Length, and while a body of unknown length streams. */
class LimitsTest {
  private static TestingCvosServer server;
  private static WireClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start(Map.of("http.max-object-size", "1m"));
    client = server.client();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void declaredLengthAboveTheMaximumIsRefusedUpFront() {
    long size = 2L << 20;
    assertThatThrownBy(() -> client.put("lim", "declared", BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new PatternStream(size, 1)), size), WriteOptions.none()))
        .isInstanceOfSatisfying(CvosApiException.class, e -> {
          assertThat(e.status()).isEqualTo(413);
          assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
        });
  }

  @Test
  void bodyOfUnknownLengthIsCutAtTheMaximumAndNothingIsKept() throws Exception {
    assertThatThrownBy(() -> client.put("lim", "chunked", BodyPublishers.ofInputStream(
        () -> new PatternStream(3L << 20, 2)), WriteOptions.none()))
        .isInstanceOfSatisfying(CvosApiException.class, e -> assertThat(e.status()).isEqualTo(413));
    assertThat(client.head("lim", "chunked").statusCode()).isEqualTo(404);
    try (Stream<Path> files = Files.walk(server.storageRoot())) {
      assertThat(files.filter(Files::isRegularFile)
          .filter(p -> ObjectFileLayout.isTemporaryFileName(p.getFileName().toString()))).isEmpty();
    }
  }

  @Test
  void bodyOfExactlyTheMaximumIsAccepted() throws Exception {
    long size = 1L << 20;
    assertThat(client.put("lim", "exact", BodyPublishers.ofInputStream(() -> new PatternStream(size, 3)),
        WriteOptions.none()).info().size()).isEqualTo(size);
  }
}
