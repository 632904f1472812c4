package dev.cvos.storage.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** smbd dies in the middle of the work and comes back on the same port. */
class SmbServerRestartTest {
  @RegisterExtension static final TestingSmbServer SMB = new TestingSmbServer();

  private static final int SIZE = 256 * 1024;
  private static final int IN_FLIGHT_SIZE = 4 * 1024 * 1024;
  private static final Duration PROMPTLY = Duration.ofSeconds(8);
  private static final String SERVER_ID = "restart-test";

  private ObjectStore open(String url) throws IOException {
    return new SmbObjectStoreFactory().create(Map.of("url", url,
            "user", SMB.user(), "password", SMB.password(),
            "connect-timeout", "1s", "response-timeout", "3s", "so-timeout", "5s"),
        StoreContext.of(Clock.systemUTC(), SERVER_ID));
  }

  @Test
  void storeFailsPromptlyWhileSmbdIsDownAndRecoversWithEveryAcknowledgedObjectWhole()
      throws Exception {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Path folder = SMB.folderDirectory(TestingSmbServer.USER_SHARE, url);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (ObjectStore store = open(url)) {
      Map<String, String> acknowledged = new LinkedHashMap<>();
      for (int i = 0; i < 12; i++) {
        ObjectMetadata stored = store.put(WriteRequest.of("b", "before/" + i),
            SeededBytes.stream(SIZE, i));
        acknowledged.put(stored.key(), stored.sha256());
      }

      // An overwrite of an acknowledged object is halfway through its body when smbd dies.
      CountDownLatch halfway = new CountDownLatch(1);
      CountDownLatch killed = new CountDownLatch(1);
      InputStream body = new PausingStream(SeededBytes.of(IN_FLIGHT_SIZE, 99), 1024 * 1024,
          halfway, killed);
      Future<ObjectMetadata> inFlight = pool.submit(() -> store.put(
          WriteRequest.of("b", "before/0").withContentLength(IN_FLIGHT_SIZE), body));
      assertThat(halfway.await(30, TimeUnit.SECONDS)).isTrue();
      SMB.stop();
      killed.countDown();
      long start = System.nanoTime();
      assertThatThrownBy(() -> inFlight.get(60, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(BackendUnavailableException.class);
      assertThat(elapsedSince(start)).isLessThan(PROMPTLY);

      assertUnavailablePromptly(() -> store.get("b", "before/1", ByteRange.ALL).close());
      assertUnavailablePromptly(() -> store.stat("b", "before/1"));
      assertUnavailablePromptly(() -> store.put(WriteRequest.of("b", "during"),
          SeededBytes.stream(SIZE, 7)));
      assertUnavailablePromptly(() -> store.list("b", ListRequest.firstPage(10)));
      assertUnavailablePromptly(() -> store.delete("b", "before/2"));
      assertUnavailablePromptly(store::usableSpace);
      assertThat(store.health().healthy()).isFalse();
      assertThat(store.health().detail()).contains(url);

      SMB.start();

      assertThat(store.health().healthy()).as(store.health().detail()).isTrue();
      for (Map.Entry<String, String> object : acknowledged.entrySet()) {
        try (StoredObject read = store.get("b", object.getKey(), ByteRange.ALL)) {
          assertThat(SeededBytes.sha256(read.body())).as(object.getKey())
              .isEqualTo(object.getValue());
        }
      }
      assertThat(store.list("b", ListRequest.firstPage(100)).items())
          .extracting(ObjectMetadata::key)
          .containsExactlyInAnyOrderElementsOf(acknowledged.keySet());
      ObjectMetadata after = store.put(WriteRequest.of("b", "after"), SeededBytes.stream(SIZE, 8));
      assertThat(store.stat("b", "after")).contains(after);
      assertThat(temporaryFiles(folder)).as("the dead put's temporary file").isEqualTo(1);
    }

    open(url).close();
    assertThat(temporaryFiles(folder)).as("removed at the next start").isZero();
    pool.shutdownNow();
  }

  private static void assertUnavailablePromptly(ThrowingCallable call) {
    long start = System.nanoTime();
    assertThatThrownBy(call).isInstanceOf(BackendUnavailableException.class);
    assertThat(elapsedSince(start)).isLessThan(PROMPTLY);
  }

  private static Duration elapsedSince(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  private static long temporaryFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.getFileName().toString()
          .startsWith(ObjectFileLayout.TEMPORARY_PREFIX)).count();
    }
  }

  /** A body that stops after {@code pauseAt} bytes until the test has killed smbd. */
  private static final class PausingStream extends ByteArrayInputStream {
    private final int pauseAt;
    private final CountDownLatch halfway;
    private final CountDownLatch resume;

    PausingStream(byte[] bytes, int pauseAt, CountDownLatch halfway, CountDownLatch resume) {
      super(bytes);
      this.pauseAt = pauseAt;
      this.halfway = halfway;
      this.resume = resume;
    }

    @Override
    public synchronized int read(byte[] buffer, int offset, int length) {
      if (pos < pauseAt) {
        return super.read(buffer, offset, Math.min(length, pauseAt - pos));
      }
      halfway.countDown();
      try {
        if (!resume.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("smbd was not killed in time");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(new InterruptedIOException("interrupted"));
      }
      return super.read(buffer, offset, length);
    }
  }

  @Test
  void frozenServerFailsWithinTheResponseTimeoutAndServesAgainWhenItWakes() throws Exception {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    try (ObjectStore store = open(url)) {
      ObjectMetadata stored = store.put(WriteRequest.of("b", "k"), SeededBytes.stream(SIZE, 5));
      SMB.freeze();
      try {
        long start = System.nanoTime();
        assertThatThrownBy(() -> store.stat("b", "k"))
            .isInstanceOf(BackendUnavailableException.class);
        // response-timeout is 3s; jcifs may retry once on a fresh connection, which also hangs.
        assertThat(elapsedSince(start)).isLessThan(Duration.ofSeconds(15));
        assertThat(store.health().healthy()).isFalse();
      } finally {
        SMB.thaw();
      }
      assertThat(store.stat("b", "k")).contains(stored);
      try (StoredObject read = store.get("b", "k", ByteRange.ALL)) {
        assertThat(SeededBytes.sha256(read.body())).isEqualTo(stored.sha256());
      }
    }
  }
}
