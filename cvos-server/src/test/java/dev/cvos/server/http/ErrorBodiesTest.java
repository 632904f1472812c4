package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.WriteOptions;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A storage failure is answered 503 without the server's file paths (or a share's URL): those are
 * for the operator's log, not for clients.
 */
class ErrorBodiesTest {
  @Test
  void aStorageFailureAnswersWithoutTheStoragePath() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start()) {
      WireClient client = server.client();
      client.put("broken", "first", BodyPublishers.ofString("x"), WriteOptions.none());
      Path root = server.storageRoot().toAbsolutePath();
      try (var buckets = Files.list(root)) {
        for (Path bucket : buckets.toList()) {
          TestingCvosServer.deleteRecursively(bucket);
          Files.writeString(bucket, "not a directory");
        }
      }
      HttpResponse<String> put = client.exchange("PUT", "/v1/objects/broken/second", Map.of(),
          BodyPublishers.ofString("y"));
      assertThat(put.statusCode()).as(put.body()).isGreaterThanOrEqualTo(500);
      HttpResponse<String> get = client.exchange("GET", "/v1/objects/broken/first", Map.of(), BodyPublishers.noBody());
      for (HttpResponse<String> answer : java.util.List.of(put, get)) {
        assertThat(answer.body()).as("status %d", answer.statusCode()).doesNotContain(root.toString())
            .doesNotContain(server.dataDir().toAbsolutePath().toString());
      }
    }
  }
}
