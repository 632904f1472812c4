package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectAlreadyExistsException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Replacing objects: whole or not at all, whatever runs at the same time. */
interface OverwriteContract extends StoreFixture {

  @Test
  default void overwriteReplacesTheObject() throws IOException {
    putGenerated(BUCKET, "twice", 5000, 1);
    ObjectMetadata second = putGenerated(BUCKET, "twice", 300, 2);
    assertThat(store().stat(BUCKET, "twice")).contains(second);
    assertThat(readWhole(BUCKET, "twice")).isEqualTo(GeneratedBody.digest(300, 2));
    assertThat(listAllKeys(BUCKET, "", null, 10)).containsExactly("twice");
  }

  @Test
  default void createOnlyStoresANewKey() throws IOException {
    WriteRequest request = WriteRequest.of(BUCKET, "once").withMode(WriteMode.CREATE_ONLY);
    if (!supports(StoreCapability.CREATE_ONLY)) {
      assertUnsupported(StoreCapability.CREATE_ONLY, () -> store().put(request, GeneratedBody.of(10, 1)));
      assertThat(store().stat(BUCKET, "once")).isEmpty();
      return;
    }
    putGenerated(request, 10, 1);
    assertThat(readWhole(BUCKET, "once")).isEqualTo(GeneratedBody.digest(10, 1));
  }

  @Test
  default void createOnlyAgainstAnExistingKeyFailsAndKeepsTheObject() throws IOException {
    ObjectMetadata old = putGenerated(BUCKET, "taken", 1000, 3);
    WriteRequest request = WriteRequest.of(BUCKET, "taken").withMode(WriteMode.CREATE_ONLY);
    if (!supports(StoreCapability.CREATE_ONLY)) {
      assertUnsupported(StoreCapability.CREATE_ONLY, () -> store().put(request, GeneratedBody.of(10, 4)));
    } else {
      assertThatThrownBy(() -> store().put(request, GeneratedBody.of(10, 4)))
          .isInstanceOf(ObjectAlreadyExistsException.class);
    }
    assertThat(store().stat(BUCKET, "taken")).contains(old);
    assertThat(readWhole(BUCKET, "taken")).isEqualTo(GeneratedBody.digest(1000, 3));
  }

  /** Racing create-only writers to one new key: exactly one succeeds, the others are refused. */
  @Test
  default void concurrentCreateOnlyWritersToOneKeyLetExactlyOneWin() throws Exception {
    WriteRequest request = WriteRequest.of(BUCKET, "first-wins").withMode(WriteMode.CREATE_ONLY);
    if (!supports(StoreCapability.CREATE_ONLY)) {
      assertUnsupported(StoreCapability.CREATE_ONLY, () -> store().put(request, GeneratedBody.of(10, 1)));
      return;
    }
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<ObjectMetadata>> results = new ArrayList<>();
      for (int i = 0; i < writers; i++) {
        long seed = 50 + i;
        results.add(pool.submit(() -> {
          start.await();
          try (InputStream body = GeneratedBody.of(256 * 1024, seed)) {
            return store().put(request, body);
          }
        }));
      }
      start.countDown();
      List<ObjectMetadata> winners = new ArrayList<>();
      int refused = 0;
      for (Future<ObjectMetadata> result : results) {
        try {
          winners.add(result.get(60, TimeUnit.SECONDS));
        } catch (java.util.concurrent.ExecutionException e) {
          assertThat(e.getCause()).isInstanceOf(ObjectAlreadyExistsException.class);
          refused++;
        }
      }
      assertThat(winners).hasSize(1);
      assertThat(refused).isEqualTo(writers - 1);
      assertThat(store().stat(BUCKET, "first-wins")).contains(winners.get(0));
      assertThat(readWhole(BUCKET, "first-wins").sha256()).isEqualTo(winners.get(0).sha256());
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Two writers race on one key, many rounds: one whole body wins each time, never a mix. */
  @Test
  default void concurrentWritersToOneKeyLeaveOneOfTheTwoWholeObjects() throws Exception {
    long size = 2 * 1024 * 1024;
    Set<StreamDigest> candidates = Set.of(GeneratedBody.digest(size, 21), GeneratedBody.digest(size, 22));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 8; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<ObjectMetadata>> writers = new ArrayList<>();
        for (long seed : new long[] {21, 22}) {
          writers.add(pool.submit(() -> {
            start.await();
            try (InputStream body = GeneratedBody.of(size, seed)) {
              return store().put(WriteRequest.of(BUCKET, "contested"), body);
            }
          }));
        }
        start.countDown();
        for (Future<ObjectMetadata> writer : writers) {
          writer.get(60, TimeUnit.SECONDS);
        }
        assertThat(candidates).contains(readWhole(BUCKET, "contested"));
      }
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Readers racing an overwriting writer always read a whole version, old or new. */
  @Test
  default void readersDuringOverwritesSeeTheOldOrTheNewObjectWhole() throws Exception {
    long size = 512 * 1024;
    Set<StreamDigest> versions = Set.of(GeneratedBody.digest(size, 31), GeneratedBody.digest(size, 32));
    putGenerated(BUCKET, "flipping", size, 31);
    AtomicBoolean writing = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      Callable<Integer> reader = () -> {
        int reads = 0;
        while (writing.get() || reads == 0) {
          assertThat(versions).contains(readWhole(BUCKET, "flipping"));
          reads++;
        }
        return reads;
      };
      Future<Integer> first = pool.submit(reader);
      Future<Integer> second = pool.submit(reader);
      Future<?> writer = pool.submit(() -> {
        try {
          for (int i = 0; i < 40; i++) {
            putGenerated(BUCKET, "flipping", size, 31 + (i % 2 == 0 ? 1 : 0));
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      writer.get(120, TimeUnit.SECONDS);
      assertThat(first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS)).isPositive();
    } finally {
      writing.set(false);
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  default void aReaderThatOpenedTheOldObjectReadsItToTheEndAfterAnOverwrite() throws IOException {
    long size = 1024 * 1024;
    putGenerated(BUCKET, "moving", size, 41);
    try (StoredObject old = store().get(BUCKET, "moving", ByteRange.ALL)) {
      byte[] start = old.body().readNBytes(1000);
      putGenerated(BUCKET, "moving", size / 2, 42);
      StreamDigest rest = StreamDigest.of(old.body());
      assertThat(start).isEqualTo(GeneratedBody.slice(41, 0, 1000).readAllBytes());
      assertThat(rest).isEqualTo(StreamDigest.of(GeneratedBody.slice(41, 1000, size - 1000)));
    }
    assertThat(readWhole(BUCKET, "moving")).isEqualTo(GeneratedBody.digest(size / 2, 42));
  }
}
