package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.DELETION_LOG;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeletionLogConcurrencyTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final ExecutorService executor = Executors.newFixedThreadPool(8);
  private JooqServerRegistry registry;
  private JooqDeletionLog log;

  @BeforeEach
  void repositories() {
    registry = new JooqServerRegistry(database.dsl());
    log = new JooqDeletionLog(database.dsl());
    for (String id : List.of("a", "b")) {
      registry.register(new ServerRecord(id, URI.create("https://" + id + ":8443"),
          ServerRole.PRIMARY, StorageMode.LOCAL, "0.1.0", T0));
    }
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void concurrentMarkAppliedKeepsTheHighestWatermark() throws Exception {
    List<Long> recorded = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      recorded.add(log.record("images", "k" + i, T0, "a").id());
    }
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> marks = new ArrayList<>();
    for (long id : recorded) {
      for (String server : List.of("a", "b")) {
        marks.add(executor.submit(() -> {
          start.await();
          log.markApplied(server, id);
          return null;
        }));
      }
    }

    start.countDown();
    for (Future<?> mark : marks) {
      mark.get(30, TimeUnit.SECONDS);
    }

    assertThat(log.pendingFor("a", 100)).isEmpty();
    assertThat(log.pendingFor("b", 100)).isEmpty();
    assertThat(log.dropFullyApplied()).isEqualTo(recorded.size());
  }

  @Test
  void aRecordWaitsForTheRecordInFlightSoIdsBecomeVisibleInOrder() throws Exception {
    DSLContext dsl = database.dsl();
    CountDownLatch inFlight = new CountDownLatch(1);
    CountDownLatch commit = new CountDownLatch(1);
    // a record in flight on another connection: it has drawn its id but not committed yet
    Future<Long> earlier = executor.submit(() -> dsl.transactionResult(tx -> {
      tx.dsl().fetch("SELECT pg_advisory_xact_lock(?)", JooqDeletionLog.RECORD_LOCK);
      long id = tx.dsl().insertInto(DELETION_LOG)
          .set(DELETION_LOG.BUCKET, "images")
          .set(DELETION_LOG.OBJECT_KEY, "earlier")
          .set(DELETION_LOG.DELETED_AT, T0.atOffset(ZoneOffset.UTC))
          .set(DELETION_LOG.DELETED_BY, "a")
          .returning(DELETION_LOG.ID)
          .fetchSingle(DELETION_LOG.ID);
      inFlight.countDown();
      assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
      return id;
    }));
    assertThat(inFlight.await(30, TimeUnit.SECONDS)).isTrue();

    Future<Deletion> later = executor.submit(() -> log.record("images", "later", T0, "a"));
    Thread.sleep(300);
    boolean passedTheRecordInFlight = later.isDone();
    List<Deletion> visibleMeanwhile = log.pendingFor("b", 10);
    commit.countDown();

    assertThat(passedTheRecordInFlight).as("record() finished while an earlier id was in flight")
        .isFalse();
    assertThat(visibleMeanwhile).isEmpty();
    assertThat(later.get(30, TimeUnit.SECONDS).id()).isGreaterThan(earlier.get(30, TimeUnit.SECONDS));
    assertThat(log.pendingFor("b", 10)).extracting(Deletion::key).containsExactly("earlier", "later");
  }

  @Test
  void aReaderThatAppliesWhileOthersRecordNeverSkipsARecord() throws Exception {
    int writers = 4;
    int perWriter = 40;
    Set<Long> applied = ConcurrentHashMap.newKeySet();
    AtomicBoolean writing = new AtomicBoolean(true);
    Future<?> reader = executor.submit(() -> {
      boolean lastRound = false;
      while (true) {
        List<Deletion> pending = log.pendingFor("b", 7);
        for (Deletion deletion : pending) {
          applied.add(deletion.id());
        }
        if (!pending.isEmpty()) {
          log.markApplied("b", pending.get(pending.size() - 1).id());
        } else if (lastRound) {
          return null;
        } else if (!writing.get()) {
          lastRound = true;
        }
      }
    });
    List<Future<List<Long>>> writes = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      writes.add(executor.submit(() -> {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < perWriter; i++) {
          ids.add(log.record("images", writer + "/" + i, T0, "a").id());
        }
        return ids;
      }));
    }
    List<Long> recorded = new ArrayList<>();
    for (Future<List<Long>> write : writes) {
      recorded.addAll(write.get(60, TimeUnit.SECONDS));
    }
    writing.set(false);
    reader.get(60, TimeUnit.SECONDS);

    assertThat(recorded).hasSize(writers * perWriter);
    assertThat(applied).containsExactlyInAnyOrderElementsOf(recorded);
  }
}
