package dev.cvos.server.ops;

import static dev.cvos.server.ops.OpsFixture.bytes;
import static dev.cvos.server.ops.OpsFixture.put;
import static dev.cvos.server.ops.OpsFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The move to shared storage over real local stores: the primary's store, a redundant secondary's
 * storage directory and a third server's objects-only backup, onto a shared directory.
 */
class MigrationToSharedTest {
  private static final String BUCKET = "images";

  @TempDir
  Path temp;

  private final StringWriter messages = new StringWriter();

  @Test
  void migrateInterruptedThenResumedCopiesEveryObjectOnceAndVerified() throws Exception {
    Map<String, ObjectMetadata> expected = new TreeMap<>();
    try (OpsFixture primary = OpsFixture.create(Files.createDirectories(temp.resolve("a")), "cvos-a",
        "primary", "local");
        OpsFixture third = OpsFixture.create(Files.createDirectories(temp.resolve("c")), "cvos-c",
            "redundant-secondary", "local")) {
      Path secondaryRoot = Files.createDirectories(temp.resolve("b-objects"));
      try (ObjectStore secondary = OpsFixture.localStore(secondaryRoot, "cvos-b")) {
        for (int i = 0; i < 30; i++) {
          record(expected, put(primary.store, BUCKET, "a" + i, bytes(2000 + i, i)));
          record(expected, put(secondary, BUCKET, "b" + i, bytes(3000 + i, 100 + i)));
          record(expected, put(third.store, "events", "c" + i, bytes(1000 + i, 200 + i)));
        }
      }
      Path thirdBackup = temp.resolve("c.tar.gz");
      try (DatabaseBackup ignored = third.setup.openDatabase();
          ObjectStore store = third.setup.openStore(Clock.systemUTC())) {
        new Backup(third.setup, store, null, Clock.systemUTC(), third.progress(), third.messageWriter())
            .run(BackupKind.OBJECTS_ONLY, thirdBackup);
      }
      Path shared = Files.createDirectories(temp.resolve("shared"));
      Path journal = temp.resolve("journal");

      // first run: the secondary's directory "goes away" after 40 objects
      IOException interruption = null;
      try (ObjectStore target = targetStore(shared)) {
        List<ObjectSource> sources = sources(primary, secondaryRoot, thirdBackup, 40);
        try {
          migration(target, journal).run(sources);
        } catch (IOException e) {
          interruption = e;
        } finally {
          closeAll(sources);
        }
      }
      assertThat(interruption).hasMessageContaining("interrupted");
      // second run: the same command
      MigrationToShared.Report report;
      try (ObjectStore target = targetStore(shared)) {
        List<ObjectSource> sources = sources(primary, secondaryRoot, thirdBackup, Integer.MAX_VALUE);
        try {
          report = migration(target, journal).run(sources);
        } finally {
          closeAll(sources);
        }
      }

      assertThat(report.failed()).isZero();
      assertThat(report.alreadyDone()).isEqualTo(40);
      assertThat(report.copied()).isEqualTo(50);
      try (ObjectStore target = targetStore(shared)) {
        for (ObjectMetadata object : expected.values()) {
          assertThat(target.stat(object.bucket(), object.key())).as(object.key()).contains(object);
        }
        assertThat(read(target, BUCKET, "b7")).isEqualTo(bytes(3007, 107));
      }
      // a third run finds everything done
      try (ObjectStore target = targetStore(shared)) {
        List<ObjectSource> sources = sources(primary, secondaryRoot, thirdBackup, Integer.MAX_VALUE);
        try {
          MigrationToShared.Report again = migration(target, journal).run(sources);
          assertThat(again.copied()).isZero();
          assertThat(again.alreadyDone()).isEqualTo(90);
        } finally {
          closeAll(sources);
        }
      }
      // an object the journal lists but the target lost is copied again
      try (ObjectStore target = targetStore(shared)) {
        target.delete(BUCKET, "a3");
        List<ObjectSource> sources = sources(primary, secondaryRoot, thirdBackup, Integer.MAX_VALUE);
        try {
          MigrationToShared.Report repair = migration(target, journal).run(sources);
          assertThat(repair.copied()).isEqualTo(1);
          assertThat(target.stat(BUCKET, "a3")).contains(expected.get(BUCKET + "/a3"));
        } finally {
          closeAll(sources);
        }
      }
    }
  }

  @Test
  void withoutTheJournalObjectsAlreadyOnTheTargetAreSkippedAndANewerOneIsKept() throws Exception {
    Path source = Files.createDirectories(temp.resolve("source"));
    Path shared = Files.createDirectories(temp.resolve("shared"));
    try (ObjectStore store = OpsFixture.localStore(source, "cvos-b");
        ObjectStore target = targetStore(shared)) {
      put(store, BUCKET, "same", bytes(100, 1));
      put(store, BUCKET, "older-there", bytes(100, 2));
      put(target, BUCKET, "same", bytes(100, 1));
      Thread.sleep(5);
      put(target, BUCKET, "older-there", bytes(100, 3));
      put(store, BUCKET, "new", bytes(100, 4));

      MigrationToShared.Report report = migration(target, temp.resolve("fresh-journal"))
          .run(List.of(new StoreSource("b", store, false)));

      assertThat(report.copied()).isEqualTo(1);
      assertThat(report.alreadyThere()).isEqualTo(1);
      assertThat(report.keptNewer()).isEqualTo(1);
      assertThat(read(target, BUCKET, "older-there")).isEqualTo(bytes(100, 3));
    }
  }

  @Test
  void aDamagedSourceObjectIsReportedAndNotWritten() throws Exception {
    Path source = Files.createDirectories(temp.resolve("source"));
    Path shared = Files.createDirectories(temp.resolve("shared"));
    try (ObjectStore store = OpsFixture.localStore(source, "cvos-b");
        ObjectStore target = targetStore(shared)) {
      put(store, BUCKET, "rotten", bytes(5000, 1));
      Path file;
      try (var files = Files.walk(source)) {
        file = files.filter(p -> p.toString().endsWith(".cvos")).findFirst().orElseThrow();
      }
      byte[] content = Files.readAllBytes(file);
      content[content.length - 1] ^= 0x22;
      Files.write(file, content);

      MigrationToShared.Report report = migration(target, temp.resolve("j"))
          .run(List.of(new StoreSource("b", store, false)));

      assertThat(report.failed()).isEqualTo(1);
      assertThat(messages.toString()).contains("FAILED images/rotten");
      assertThat(target.stat(BUCKET, "rotten")).isEmpty();
    }
  }

  @Test
  void targetParsesDirectoriesAndSmbUrlsAndPrintsTheConfiguration() {
    MigrationTarget smb = MigrationTarget.parse("smb://files.example.com/cvos/objects",
        Map.of("user", "cvos", "password", "s3cret"));
    assertThat(smb.provider()).isEqualTo("smb");
    assertThat(smb.config()).containsEntry("url", "smb://files.example.com/cvos/objects/");
    assertThat(smb.configurationYaml()).contains("storage-mode: shared", "provider: smb",
        "url: smb://files.example.com/cvos/objects/", "user: cvos").doesNotContain("s3cret");
    MigrationTarget dir = MigrationTarget.parse(temp.toString(), Map.of());
    assertThat(dir.configurationYaml()).contains("provider: local", "root: " + temp.toAbsolutePath());
    assertThatThrownBy(() -> MigrationTarget.parse("nfs://x/y", Map.of()))
        .hasMessageContaining("neither a directory nor an smb:// URL");
  }

  private static void record(Map<String, ObjectMetadata> expected, ObjectMetadata metadata) {
    expected.put(metadata.bucket() + "/" + metadata.key(), metadata);
  }

  private MigrationToShared migration(ObjectStore target, Path journal) {
    PrintWriter out = new PrintWriter(messages, true);
    return new MigrationToShared(target, creation, journal,
        new Progress(out, Clock.systemUTC(), Duration.ofSeconds(1)), out);
  }

  private final CreationClock creation = new CreationClock(Clock.systemUTC());

  private ObjectStore targetStore(Path shared) throws IOException {
    return new dev.cvos.storage.local.LocalObjectStoreFactory().create(
        Map.of("root", shared.toString(), "fsync", "false"),
        dev.cvos.storage.spi.StoreContext.of(creation, "cvos-a-migrate"));
  }

  private static List<ObjectSource> sources(OpsFixture primary, Path secondaryRoot, Path backup,
      int failAfter) throws Exception {
    List<ObjectSource> sources = new ArrayList<>();
    sources.add(new StoreSource("primary", primary.setup.openStore(Clock.systemUTC()), true));
    ObjectSource secondary = new StoreSource("secondary",
        OpsFixture.localStore(secondaryRoot, "cvos-a-migrate"), true);
    sources.add(failAfter == Integer.MAX_VALUE ? secondary : new FailingSource(secondary, failAfter - 30));
    sources.add(new ArchiveSource(BackupArchive.open(backup)));
    return sources;
  }

  private static void closeAll(List<ObjectSource> sources) throws IOException {
    for (ObjectSource source : sources) {
      source.close();
    }
  }

  /** A source whose disk or mount goes away after {@code limit} objects. */
  private static final class FailingSource implements ObjectSource {
    private final ObjectSource delegate;
    private final int limit;

    FailingSource(ObjectSource delegate, int limit) {
      this.delegate = delegate;
      this.limit = limit;
    }

    @Override
    public String describe() {
      return delegate.describe();
    }

    @Override
    public List<ObjectMetadata> inventory() throws IOException {
      return delegate.inventory();
    }

    @Override
    public void forEach(ObjectVisitor visitor) throws IOException {
      int[] count = {0};
      delegate.forEach((metadata, body) -> {
        if (count[0]++ == limit) {
          throw new IOException("source interrupted (the mount went away)");
        }
        visitor.visit(metadata, body);
      });
    }

    @Override
    public void close() throws IOException {
      delegate.close();
    }
  }
}
