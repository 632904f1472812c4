package dev.cvos.domain.object;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.tck.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deletion pass stuck on a stalled database must not make reads wait on it: a read that finds
 * the last pass too old gets its answer (the storage may not be served) at once.
 */
class MissedDeletionsStallTest {
  @TempDir
  Path root;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

  @Test
  void aReadDoesNotWaitForAPassStuckOnTheDatabase() throws Exception {
    CountDownLatch stuck = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    StallingLog log = new StallingLog(stuck, release);
    try (ObjectStore store = new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"),
        StoreContext.of(clock, "s1"))) {
      MissedDeletions missed = new MissedDeletions(store, log, "s1", clock, Duration.ofSeconds(10));
      missed.applyPending();
      log.stall = true;
      CompletableFuture<Integer> pass = CompletableFuture.supplyAsync(() -> {
        try {
          return missed.applyPending();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      try {
        assertThat(stuck.await(30, TimeUnit.SECONDS)).isTrue();
        clock.advance(Duration.ofSeconds(11));
        CompletableFuture<Optional<String>> read = CompletableFuture.supplyAsync(missed::problemAfterCatchUp);
        assertThat(read.get(5, TimeUnit.SECONDS)).as("the read's answer while the pass is stuck").isPresent();
      } finally {
        release.countDown();
        pass.get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** A deletion log whose reads block, as on a stopped database, once {@link #stall} is set. */
  private static final class StallingLog implements DeletionLog {
    private final CountDownLatch stuck;
    private final CountDownLatch release;
    volatile boolean stall;

    StallingLog(CountDownLatch stuck, CountDownLatch release) {
      this.stuck = stuck;
      this.release = release;
    }

    @Override
    public Deletion record(String bucket, String key, Instant deletedAt, String deletedBy) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Deletion> pendingFor(String serverId, int limit) {
      if (stall) {
        stuck.countDown();
        try {
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return List.of();
    }

    @Override
    public void markApplied(String serverId, long id) {}

    @Override
    public int dropFullyApplied() {
      return 0;
    }
  }
}
