package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.object.MissedDeletions;
import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deletions a returning server missed, applied from the real log to the real local store. */
class MissedDeletionsTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path root;

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  };
  private JooqDeletionLog log;
  private ObjectStore store;
  private MissedDeletions missed;

  @BeforeEach
  void setUp() throws IOException {
    JooqServerRegistry registry = new JooqServerRegistry(database.dsl());
    for (String id : new String[] {"a", "c"}) {
      registry.register(new ServerRecord(id, URI.create("https://" + id + ":8443"), ServerRole.REDUNDANT_SECONDARY,
          StorageMode.LOCAL, "0.1.0", T0));
    }
    log = new JooqDeletionLog(database.dsl());
    store = new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"),
        StoreContext.of(clock, "c"));
    missed = new MissedDeletions(store, log, "c", clock, Duration.ofSeconds(30));
  }

  @AfterEach
  void closeStore() throws IOException {
    store.close();
  }

  private void write(String key) throws IOException {
    byte[] body = key.getBytes();
    store.put(new WriteRequest("photos", key, body.length, "text/plain", null, null, WriteMode.OVERWRITE),
        new ByteArrayInputStream(body));
  }

  @Test
  void deletionRecordedAfterTheCopyWasWrittenRemovesIt() throws IOException {
    write("old");
    now.set(T0.plusSeconds(5));
    log.record("photos", "old", now.get(), "a");

    assertThat(missed.applyPending()).isEqualTo(1);

    assertThat(store.stat("photos", "old")).isEmpty();
    assertThat(log.pendingFor("c", 10)).isEmpty();
  }

  @Test
  void objectWrittenAfterTheDeletionSurvivesIt() throws IOException {
    log.record("photos", "rewritten", T0, "a");
    now.set(T0.plusSeconds(1));
    write("rewritten");

    assertThat(missed.applyPending()).isZero();

    assertThat(store.stat("photos", "rewritten")).isPresent();
    assertThat(log.pendingFor("c", 10)).as("applied, even though nothing was deleted").isEmpty();
  }

  @Test
  void storageIsNotServedUntilTheFirstPassAndAgainWhenThePassesStop() throws IOException {
    assertThat(missed.current()).isFalse();
    assertThat(missed.problem()).hasValueSatisfying(p -> assertThat(p).contains("not applied yet"));

    missed.applyPending();
    assertThat(missed.current()).isTrue();
    assertThat(missed.problem()).isEmpty();

    now.set(T0.plusSeconds(31));
    assertThat(missed.current()).isFalse();
    assertThat(missed.problem()).hasValueSatisfying(p -> assertThat(p).contains("last applied at " + T0));
  }

  @Test
  void aLatePassIsCaughtUpByTheReadThatFindsItStale() throws IOException {
    missed.applyPending();
    write("late");
    now.set(T0.plusSeconds(60));
    log.record("photos", "late", T0.plusSeconds(61), "a");
    now.set(T0.plusSeconds(62));
    assertThat(missed.current()).isFalse();

    assertThat(missed.problemAfterCatchUp()).isEmpty();
    assertThat(missed.current()).isTrue();
    assertThat(store.stat("photos", "late")).as("the deletion was applied by the catch-up").isEmpty();
  }

  @Test
  void aFailedCatchUpIsNotRetriedByEveryRead() throws IOException {
    AtomicReference<Boolean> down = new AtomicReference<>(false);
    java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
    DeletionLog unreachable = new DeletionLog() {
      @Override
      public Deletion record(String bucket, String key, Instant deletedAt, String deletedBy) {
        return log.record(bucket, key, deletedAt, deletedBy);
      }

      @Override
      public java.util.List<Deletion> pendingFor(String serverId, int limit) {
        asked.incrementAndGet();
        if (down.get()) {
          throw new IllegalStateException("the database does not answer");
        }
        return log.pendingFor(serverId, limit);
      }

      @Override
      public void markApplied(String serverId, long id) {
        log.markApplied(serverId, id);
      }

      @Override
      public int dropFullyApplied() {
        return log.dropFullyApplied();
      }
    };
    MissedDeletions cutOff = new MissedDeletions(store, unreachable, "c", clock, Duration.ofSeconds(30));
    cutOff.applyPending();
    down.set(true);
    now.set(T0.plusSeconds(31));

    assertThat(cutOff.problemAfterCatchUp()).hasValueSatisfying(p -> assertThat(p).contains("last applied at " + T0));
    assertThat(cutOff.problemAfterCatchUp()).isPresent();
    now.set(T0.plusSeconds(50));
    assertThat(cutOff.problemAfterCatchUp()).isPresent();
    assertThat(asked).as("one pass at start, one catch-up; the next reads within 30 s do not ask").hasValue(2);

    down.set(false);
    now.set(T0.plusSeconds(62));
    assertThat(cutOff.problemAfterCatchUp()).isEmpty();
  }

  @Test
  void recordIsDroppedOnlyAfterEveryStoringServerAppliedIt() throws IOException {
    log.record("photos", "gone", T0, "a");
    missed.applyPending();

    assertThat(log.dropFullyApplied()).as("a has not applied it").isZero();
    log.markApplied("a", log.pendingFor("a", 10).get(0).id());
    assertThat(log.dropFullyApplied()).isEqualTo(1);
  }
}
