package dev.cvos.server.ops;

import static dev.cvos.server.ops.OpsFixture.bytes;
import static dev.cvos.server.ops.OpsFixture.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.object.MissedDeletions;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.server.persistence.PersistenceModule;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promises docs/operations.md makes about a backup or restore that runs while the server
 * serves: a deletion taken while a restore runs stays and wins, an object deleted while a backup
 * runs is counted, and an interrupted backup never looks complete. The "meanwhile" is made
 * certain, not left to timing: the backup or restore works on the real local store through {@link
 * Meanwhile}, which does what a client would do at a chosen moment of the run.
 */
class BackupRestorePromisesTest {
  private static final String BUCKET = "images";

  @TempDir Path temp;

  private OpsFixture primary;

  @BeforeEach
  void setUp() throws Exception {
    primary = OpsFixture.create(Files.createDirectories(temp.resolve("primary")), "cvos-a", "primary", "local");
  }

  @AfterEach
  void tearDown() throws Exception {
    primary.close();
  }

  @Test
  void aDeletionTakenWhileTheRestoreRunsStaysAndWins() throws Exception {
    Guice.createInjector(new PersistenceModule(primary.database)).getInstance(ServerRegistry.class)
        .register(new ServerRecord("cvos-a", URI.create("https://a:8443"), ServerRole.PRIMARY, StorageMode.LOCAL,
            "0.1.0", Instant.now()));
    // "a-first" is restored before "z-event": the manifest lists the store in key order.
    put(primary.store, BUCKET, "a-first", bytes(1000, 1));
    put(primary.store, BUCKET, "z-event", bytes(2000, 2));
    Path file = temp.resolve("b.tar.gz");
    backup(primary.store, file);
    DeletionLog log = primary.deletionLog();
    primary.store.delete(BUCKET, "a-first");
    primary.store.delete(BUCKET, "z-event");
    log.record(BUCKET, "z-event", Instant.now().minusSeconds(1), "cvos-a");
    AtomicBoolean deletedMeanwhile = new AtomicBoolean();

    RestoreReport report;
    // the store writes with the restore's clock, which gives a restored object its original creation time
    CreationClock clock = new CreationClock(Clock.systemUTC());
    try (ObjectStore store = primary.setup.openStore(clock)) {
      Meanwhile meanwhile = new Meanwhile(store).afterPutOf("a-first", () -> {
        // another server of the cluster deletes z-event while the restore runs, before the
        // restore has come to it
        assertThat(primary.store.stat(BUCKET, "z-event")).isEmpty();
        log.record(BUCKET, "z-event", Instant.now(), "cvos-b");
        deletedMeanwhile.set(true);
      });
      report = restore(meanwhile, clock, file);
    }

    assertThat(deletedMeanwhile).isTrue();
    assertThat(report.restored()).isEqualTo(2);
    assertThat(report.deletionsDropped()).as("only the deletion taken before the restore").isEqualTo(1);
    assertThat(log.pendingFor("cvos-a", 100)).as("the deletion taken meanwhile stays")
        .extracting(Deletion::key, Deletion::deletedBy).containsExactly(org.assertj.core.groups.Tuple.tuple("z-event", "cvos-b"));
    int applied = new MissedDeletions(primary.store, log, "cvos-a", Clock.systemUTC(), Duration.ofMinutes(1))
        .applyPending();
    assertThat(applied).as("and wins: the restored copy, created before it, is deleted").isEqualTo(1);
    assertThat(primary.store.stat(BUCKET, "z-event")).isEmpty();
    assertThat(primary.store.stat(BUCKET, "a-first")).isPresent();
  }

  @Test
  void anObjectDeletedWhileTheBackupRunsIsCountedAndLeftOut() throws Exception {
    put(primary.store, BUCKET, "a-first", bytes(1000, 1));
    put(primary.store, BUCKET, "m-gone", bytes(1000, 2));
    put(primary.store, BUCKET, "z-last", bytes(1000, 3));
    Path file = temp.resolve("b.tar.gz");

    Backup.Result result;
    try (ObjectStore store = primary.setup.openStore(Clock.systemUTC())) {
      // listed already: deleted by a client once the backup has begun reading bodies
      result = backup(new Meanwhile(store).beforeGetOf("a-first", () -> primary.store.delete(BUCKET, "m-gone")), file);
    }

    assertThat(result.vanished()).as("deleted while it ran").isEqualTo(1);
    assertThat(result.failed()).isZero();
    assertThat(result.objects()).isEqualTo(2);
    assertThat(BackupArchive.open(result.file()).manifest().objects()).extracting(ManifestEntry::key)
        .containsExactly("a-first", "z-last");
  }

  @Test
  void aBackupCutOffHalfwayNeverLooksComplete() throws Exception {
    for (int i = 0; i < 40; i++) {
      put(primary.store, BUCKET, "k" + (100 + i), bytes(50_000, i));
    }
    Path file = temp.resolve("b.tar.gz");
    Path leftBehind = temp.resolve("what-a-kill-leaves.tar.gz");
    AtomicBoolean looked = new AtomicBoolean();

    try (ObjectStore store = primary.setup.openStore(Clock.systemUTC())) {
      backup(new Meanwhile(store).beforeGetOf("k130", () -> {
        // the moment a kill could come: what is on disk then is all a later restore would see
        assertThat(file).as("the archive's name before the backup ended").doesNotExist();
        try (var files = Files.list(temp)) {
          for (Path path : files.filter(p -> p.getFileName().toString().startsWith("b.tar.gz")).toList()) {
            Files.copy(path, leftBehind);
          }
        }
        looked.set(true);
      }), file);
    }

    assertThat(looked).isTrue();
    assertThat(leftBehind).as("the backup writes somewhere while it runs").exists();
    assertThatThrownBy(() -> BackupArchive.open(leftBehind)).as("what it left halfway is no backup")
        .isInstanceOf(InvalidBackupException.class);
    assertThat(BackupArchive.open(file).manifest().objects()).hasSize(40);
  }

  @Test
  void aBackupThatFailsHalfwayLeavesNothingBehind() throws Exception {
    for (int i = 0; i < 10; i++) {
      put(primary.store, BUCKET, "k" + i, bytes(10_000, i));
    }
    Path file = temp.resolve("b.tar.gz");

    try (ObjectStore store = primary.setup.openStore(Clock.systemUTC())) {
      Meanwhile failing = new Meanwhile(store).beforeGetOf("k5", () -> {
        throw new IllegalStateException("the store went away");
      });
      assertThatThrownBy(() -> backup(failing, file)).hasMessageContaining("the store went away");
    }

    try (var files = Files.list(temp)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.startsWith("b.tar.gz"));
    }
  }

  private Backup.Result backup(ObjectStore store, Path file) throws Exception {
    try (DatabaseBackup database = primary.setup.openDatabase()) {
      return new Backup(primary.setup, store, database, Clock.systemUTC(), primary.progress(),
          primary.messageWriter()).run(BackupKind.FULL, file);
    }
  }

  private RestoreReport restore(ObjectStore store, CreationClock clock, Path file) throws Exception {
    try (DatabaseBackup database = primary.setup.openDatabase()) {
      return new Restore(primary.setup, store, database, clock, primary.progress(),
          primary.messageWriter()).run(BackupArchive.open(file), false);
    }
  }

  /** What a client does at one moment of a run; it may fail the test. */
  interface Action {
    void run() throws Exception;
  }

  /**
   * The real store, doing an {@link Action} once, right before a given object is read or right
   * after it was written: a client's request at that moment of a backup or restore.
   */
  static final class Meanwhile implements ObjectStore {
    private final ObjectStore store;
    private String beforeGet;
    private String afterPut;
    private Action action;
    private boolean done;

    Meanwhile(ObjectStore store) {
      this.store = store;
    }

    Meanwhile beforeGetOf(String key, Action action) {
      this.beforeGet = key;
      this.action = action;
      return this;
    }

    Meanwhile afterPutOf(String key, Action action) {
      this.afterPut = key;
      this.action = action;
      return this;
    }

    private void once() throws IOException {
      if (done) {
        return;
      }
      done = true;
      try {
        action.run();
      } catch (IOException | RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public ObjectMetadata put(WriteRequest request, InputStream body) throws IOException {
      ObjectMetadata written = store.put(request, body);
      if (request.key().equals(afterPut)) {
        once();
      }
      return written;
    }

    @Override
    public StoredObject get(String bucket, String key, ByteRange range) throws IOException {
      if (key.equals(beforeGet)) {
        once();
      }
      return store.get(bucket, key, range);
    }

    @Override
    public Optional<ObjectMetadata> stat(String bucket, String key) throws IOException {
      return store.stat(bucket, key);
    }

    @Override
    public boolean delete(String bucket, String key) throws IOException {
      return store.delete(bucket, key);
    }

    @Override
    public ObjectListing list(String bucket, ListRequest request) throws IOException {
      return store.list(bucket, request);
    }

    @Override
    public List<String> buckets() throws IOException {
      return store.buckets();
    }

    @Override
    public int purgeExpired(Instant now) throws IOException {
      return store.purgeExpired(now);
    }

    @Override
    public long usableSpace() throws IOException {
      return store.usableSpace();
    }

    @Override
    public StoreHealth health() {
      return store.health();
    }

    @Override
    public Set<StoreCapability> capabilities() {
      return store.capabilities();
    }

    @Override
    public void close() throws IOException {
      store.close();
    }
  }
}
