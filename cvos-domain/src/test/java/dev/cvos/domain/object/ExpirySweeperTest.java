package dev.cvos.domain.object;

import dev.cvos.storage.spi.tck.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExpirySweeperTest {
  @TempDir
  Path root;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  private ObjectStore store() throws Exception {
    return new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"),
        StoreContext.of(clock, "s1"));
  }

  private long files() throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).count();
    }
  }

  @Test
  void sweepReclaimsOnlyExpiredObjects() throws Exception {
    try (ObjectStore store = store()) {
      store.put(WriteRequest.of("b", "short").withExpires(clock.instant().plusSeconds(5)),
          new ByteArrayInputStream(new byte[10]));
      store.put(WriteRequest.of("b", "long"), new ByteArrayInputStream(new byte[10]));
      CopyOnWriteArrayList<Integer> counts = new CopyOnWriteArrayList<>();
      try (ExpirySweeper sweeper = new ExpirySweeper(store, clock, Duration.ofHours(1), listener(counts, null))) {
        assertThat(sweeper.sweep()).isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(sweeper.sweep()).isEqualTo(1);
      }
      assertThat(counts).containsExactly(0, 1);
      assertThat(files()).isEqualTo(1);
      assertThat(store.stat("b", "long")).isPresent();
    }
  }

  @Test
  void startedSweeperRunsOnItsIntervalAndStopsOnClose() throws Exception {
    try (ObjectStore store = store()) {
      store.put(WriteRequest.of("b", "k").withExpires(clock.instant().plusSeconds(1)),
          new ByteArrayInputStream(new byte[10]));
      clock.advance(Duration.ofSeconds(2));
      CountDownLatch swept = new CountDownLatch(3);
      CopyOnWriteArrayList<Integer> counts = new CopyOnWriteArrayList<>();
      ExpirySweeper sweeper = new ExpirySweeper(store, clock, Duration.ofMillis(50), listener(counts, swept));
      sweeper.start();
      assertThat(swept.await(10, TimeUnit.SECONDS)).isTrue();
      sweeper.close();
      int seen = counts.size();
      Thread.sleep(200);
      assertThat(counts).hasSize(seen);
      assertThat(counts).contains(1);
      assertThat(files()).isZero();
    }
  }

  private static SweepListener listener(CopyOnWriteArrayList<Integer> counts, CountDownLatch latch) {
    return new SweepListener() {
      @Override
      public void swept(int count) {
        counts.add(count);
        if (latch != null) {
          latch.countDown();
        }
      }

      @Override
      public void failed(Exception failure) {
        throw new AssertionError("sweep failed", failure);
      }
    };
  }
}
