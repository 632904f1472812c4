package dev.cvos.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.domain.relay.Eventually;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM during an upload to a real server process leaves either the whole object or nothing:
 * within the grace period the upload finishes and is kept; past it the upload is cut and nothing
 * of it remains, not even a temporary file.
 */
class GracefulStopProcessTest {
  private static final long SIZE = 24L << 20;

  @TempDir
  Path base;

  private final ExecutorService uploads = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopUploads() throws InterruptedException {
    uploads.shutdownNow();
    uploads.awaitTermination(30, TimeUnit.SECONDS);
  }

  @Test
  void uploadInFlightFinishesWithinTheGracePeriodAndIsKeptWhole() throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Path config = ProcessFixture.config(base, "graceful", database, Map.of("http.shutdown-grace", "60s"));
    CompletableFuture<Written> upload;
    try (ServerProcess server = ServerProcess.start(base, config, List.of("-Xmx128m"))) {
      WireClient client = ProcessFixture.client(base, server.awaitStarted(Duration.ofSeconds(90)));
      upload = startUpload(client, 8L << 20);
      awaitUploadArriving();
      assertThat(upload).as("still uploading when the stop comes").isNotDone();
      server.terminate();
      assertThat(upload.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
      server.awaitExit(Duration.ofSeconds(60));
      assertThat(server.output()).contains("stopping on signal").contains("stopped");
    }
    try (ServerProcess again = ServerProcess.start(base, config, List.of("-Xmx128m"))) {
      WireClient client = ProcessFixture.client(base, again.awaitStarted(Duration.ofSeconds(90)));
      HttpResponse<InputStream> get = client.get("stop", "upload", Map.of());
      assertThat(get.statusCode()).isEqualTo(200);
      try (InputStream body = get.body()) {
        assertThat(PatternStream.sha256(body)).isEqualTo(PatternStream.sha256(SIZE, 7));
      }
    }
    assertThat(ProcessFixture.temporaryFiles(ProcessFixture.storageRoot(base))).isEmpty();
  }

  @Test
  void uploadStillRunningWhenTheGracePeriodEndsIsDiscardedWhole() throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Path config = ProcessFixture.config(base, "cut", database, Map.of("http.shutdown-grace", "1s"));
    CompletableFuture<Written> upload;
    try (ServerProcess server = ServerProcess.start(base, config, List.of("-Xmx128m"))) {
      WireClient client = ProcessFixture.client(base, server.awaitStarted(Duration.ofSeconds(90)));
      upload = startUpload(client, 2L << 20);
      awaitUploadArriving();
      server.terminate();
      server.awaitExit(Duration.ofSeconds(60));
      assertThat(upload).failsWithin(Duration.ofSeconds(60)).withThrowableOfType(ExecutionException.class)
          .withCauseInstanceOf(java.io.UncheckedIOException.class);
    }
    assertThat(ProcessFixture.temporaryFiles(ProcessFixture.storageRoot(base))).isEmpty();
    try (ServerProcess again = ServerProcess.start(base, config, List.of("-Xmx128m"))) {
      WireClient client = ProcessFixture.client(base, again.awaitStarted(Duration.ofSeconds(90)));
      assertThat(client.head("stop", "upload").statusCode()).isEqualTo(404);
      assertThat(client.list("stop", null, null, null).items()).isEmpty();
    }
  }

  /** Waits until the server is receiving the upload: its temporary file is there. */
  private void awaitUploadArriving() throws Exception {
    Eventually.within(Duration.ofSeconds(30), () ->
        assertThat(ProcessFixture.temporaryFiles(ProcessFixture.storageRoot(base))).as("the upload's temporary file")
            .isNotEmpty());
  }

  private CompletableFuture<Written> startUpload(WireClient client, long bytesPerSecond) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return client.put("stop", "upload", BodyPublishers.fromPublisher(
            BodyPublishers.ofInputStream(() -> new PatternStream(SIZE, 7, bytesPerSecond)), SIZE), WriteOptions.none());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }, uploads);
  }
}
