package dev.cvos.server.ops;

import static dev.cvos.server.ops.OpsFixture.bytes;
import static dev.cvos.server.ops.OpsFixture.put;
import static dev.cvos.server.ops.OpsFixture.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backups and restores over a real local store and a real PostgreSQL. */
class BackupRestoreTest {
  private static final String BUCKET = "images";

  @TempDir
  Path temp;

  private OpsFixture primary;

  @BeforeEach
  void setUp() throws Exception {
    primary = OpsFixture.create(Files.createDirectories(temp.resolve("primary")), "cvos-a",
        "primary", "local");
  }

  @AfterEach
  void tearDown() throws Exception {
    primary.close();
  }

  private Backup.Result backup(BackupKind kind, Path file) throws Exception {
    try (DatabaseBackup database = primary.setup.openDatabase();
        ObjectStore store = primary.setup.openStore(Clock.systemUTC())) {
      return new Backup(primary.setup, store, database, Clock.systemUTC(), primary.progress(),
          primary.messageWriter()).run(kind, file);
    }
  }

  private RestoreReport restore(Path file) throws Exception {
    CreationClock clock = new CreationClock(Clock.systemUTC());
    try (DatabaseBackup database = primary.setup.openDatabase();
        ObjectStore store = primary.setup.openStore(clock)) {
      return new Restore(primary.setup, store, database, clock, primary.progress(),
          primary.messageWriter()).run(BackupArchive.open(file), false);
    }
  }

  @Test
  void backupDuringConcurrentWritesHoldsEveryObjectWholeOrNotAtAll() throws Exception {
    for (int i = 0; i < 150; i++) {
      put(primary.store, BUCKET, "k" + i, bytes(4096 + 97 * i, i));
    }
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger writes = new AtomicInteger();
    ExecutorService writer = Executors.newSingleThreadExecutor();
    Future<?> writes0 = writer.submit(() -> {
      int n = 0;
      while (writing.get()) {
        // overwrite existing objects (new versions) and add new ones while the backup reads
        put(primary.store, BUCKET, "k" + (n % 150), bytes(30_000 + n, 1000 + n));
        put(primary.store, BUCKET, "new" + n, bytes(5_000, 5000 + n));
        writes.addAndGet(2);
        n++;
      }
      return null;
    });
    Backup.Result result;
    try {
      Thread.sleep(50);
      result = backup(BackupKind.FULL, temp.resolve("live.tar.gz"));
    } finally {
      writing.set(false);
      writes0.get();
      writer.shutdown();
    }

    assertThat(writes.get()).isGreaterThan(0);
    assertThat(result.failed()).isZero();
    assertThat(result.objects()).isGreaterThanOrEqualTo(150);
    BackupArchive archive = BackupArchive.open(result.file());
    Map<String, ManifestEntry> byPath = new HashMap<>();
    archive.manifest().objects().forEach(e -> byPath.put(e.path(), e));
    assertThat(archive.manifest().objects()).extracting(ManifestEntry::key)
        .contains("k0", "k75", "k149");
    AtomicInteger verified = new AtomicInteger();
    archive.forEachBody((path, body) -> {
      ManifestEntry entry = byPath.get(path);
      byte[] content = body.readAllBytes();
      assertThat(content).hasSize((int) entry.size());
      assertThat(sha256(content)).as("body of %s", entry.key()).isEqualTo(entry.sha256());
      verified.incrementAndGet();
    });
    assertThat(verified.get()).isEqualTo(archive.manifest().objects().size());
    assertThat(archive.header().kind()).isEqualTo(BackupKind.FULL);
    assertThat(archive.config()).isPresent();
    assertThat(archive.database()).isPresent();
    assertThat(Files.exists(temp.resolve("live.tar.gz.partial"))).isFalse();
  }

  @Test
  void restoreTwiceGivesTheSameResult() throws Exception {
    Map<String, byte[]> originals = new HashMap<>();
    for (int i = 0; i < 20; i++) {
      byte[] body = bytes(1000 + i, i);
      originals.put("k" + i, body);
      put(primary.store, BUCKET, "k" + i, body);
    }
    ObjectMetadata before = primary.store.stat(BUCKET, "k3").orElseThrow();
    Path file = temp.resolve("b.tar.gz");
    backup(BackupKind.FULL, file);
    for (int i = 0; i < 20; i += 2) {
      primary.store.delete(BUCKET, "k" + i);
    }

    RestoreReport first = restore(file);
    RestoreReport second = restore(file);

    assertThat(first.restored()).isEqualTo(10);
    assertThat(first.unchanged()).isEqualTo(10);
    assertThat(first.failed()).isZero();
    assertThat(second.restored()).isZero();
    assertThat(second.unchanged()).isEqualTo(20);
    assertThat(second.failed()).isZero();
    for (Map.Entry<String, byte[]> original : originals.entrySet()) {
      assertThat(read(primary.store, BUCKET, original.getKey())).isEqualTo(original.getValue());
    }
    assertThat(primary.store.stat(BUCKET, "k3").orElseThrow()).isEqualTo(before);
  }

  @Test
  void restoreKeepsAnObjectNewerThanTheBackupsCopy() throws Exception {
    put(primary.store, BUCKET, "profile", bytes(5000, 1));
    Path file = temp.resolve("b.tar.gz");
    backup(BackupKind.FULL, file);
    Thread.sleep(5);
    byte[] newer = bytes(6000, 2);
    put(primary.store, BUCKET, "profile", newer);

    RestoreReport report = restore(file);

    assertThat(report.keptNewer()).isEqualTo(1);
    assertThat(report.restored()).isZero();
    assertThat(read(primary.store, BUCKET, "profile")).isEqualTo(newer);
  }

  @Test
  void restoreBringsBackAnObjectDeletedAfterTheBackupWithItsCreationTime() throws Exception {
    ObjectMetadata original = put(primary.store, BUCKET, "event-7", bytes(3000, 7));
    put(primary.store, BUCKET, "other", bytes(10, 8));
    Path file = temp.resolve("b.tar.gz");
    backup(BackupKind.FULL, file);
    DeletionLog log = primary.deletionLog();
    primary.store.delete(BUCKET, "event-7");
    log.record(BUCKET, "event-7", Instant.now(), "cvos-a");
    log.record(BUCKET, "never-backed-up", Instant.now(), "cvos-a");

    RestoreReport report = restore(file);

    assertThat(report.restored()).isEqualTo(1);
    assertThat(report.deletionsDropped()).isEqualTo(1);
    assertThat(primary.store.stat(BUCKET, "event-7")).contains(original);
    List<Deletion> pending = log.pendingFor("cvos-b", 100);
    assertThat(pending).extracting(Deletion::key).containsExactly("never-backed-up");
  }

  @Test
  void restoreReportsACorruptedBodyAndWritesNothingForIt() throws Exception {
    put(primary.store, BUCKET, "good", bytes(4000, 1));
    put(primary.store, BUCKET, "bad", bytes(4000, 2));
    Path file = temp.resolve("b.tar.gz");
    backup(BackupKind.FULL, file);
    String badPath = BackupArchive.open(file).manifest().objects().stream()
        .filter(e -> e.key().equals("bad")).findFirst().orElseThrow().path();
    Path corrupted = temp.resolve("corrupted.tar.gz");
    flipOneByte(file, corrupted, badPath);
    primary.store.delete(BUCKET, "good");
    primary.store.delete(BUCKET, "bad");

    RestoreReport report = restore(corrupted);

    assertThat(report.restored()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(1);
    assertThat(primary.messages.toString()).contains("FAILED images/bad").contains("damaged");
    assertThat(primary.store.stat(BUCKET, "bad")).isEmpty();
    assertThat(primary.store.stat(BUCKET, "good")).isPresent();
  }

  @Test
  void backupLeavesOutAnObjectWhoseFileIsDamagedAndSaysSo() throws Exception {
    put(primary.store, BUCKET, "fine", bytes(4000, 1));
    ObjectMetadata damaged = put(primary.store, BUCKET, "rotten", bytes(4000, 2));
    Path objectFile;
    try (var files = Files.walk(primary.root)) {
      objectFile = files.filter(p -> p.toString().endsWith(".cvos"))
          .filter(p -> {
            try {
              return Files.size(p) > 4000 && readsAs(p, damaged);
            } catch (IOException e) {
              return false;
            }
          }).findFirst().orElseThrow();
    }
    byte[] content = Files.readAllBytes(objectFile);
    content[content.length - 10] ^= 0x5A;
    Files.write(objectFile, content);

    Backup.Result result = backup(BackupKind.FULL, temp.resolve("b.tar.gz"));

    assertThat(result.failed()).isEqualTo(1);
    assertThat(result.objects()).isEqualTo(1);
    assertThat(primary.messages.toString()).contains("FAILED images/rotten").contains("checksum mismatch");
    assertThat(BackupArchive.open(result.file()).manifest().objects()).extracting(ManifestEntry::key)
        .containsExactly("fine");
  }

  @Test
  void aTruncatedArchiveIsNotABackup() throws Exception {
    put(primary.store, BUCKET, "a", bytes(100_000, 1));
    Path file = temp.resolve("b.tar.gz");
    backup(BackupKind.FULL, file);
    byte[] whole = Files.readAllBytes(file);
    Path truncated = temp.resolve("t.tar.gz");
    Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));

    assertThatThrownBy(() -> BackupArchive.open(truncated))
        .isInstanceOf(InvalidBackupException.class)
        .hasMessageContaining("damaged or truncated");
  }

  private static boolean readsAs(Path file, ObjectMetadata metadata) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return dev.cvos.storage.spi.format.ObjectFileFormat.readHeader(in).metadata().key()
          .equals(metadata.key());
    }
  }

  /** Copies the archive, flipping one byte in the body of {@code path}. */
  static void flipOneByte(Path from, Path to, String path) throws IOException {
    try (TarArchiveInputStream in = new TarArchiveInputStream(
            new GzipCompressorInputStream(Files.newInputStream(from)));
        OutputStream file = Files.newOutputStream(to);
        TarArchiveOutputStream out = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
      out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      for (TarArchiveEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        in.transferTo(body);
        byte[] bytes = body.toByteArray();
        if (entry.getName().equals(path)) {
          bytes[bytes.length / 2] ^= 0x01;
        }
        TarArchiveEntry copy = new TarArchiveEntry(entry.getName());
        copy.setSize(bytes.length);
        out.putArchiveEntry(copy);
        out.write(bytes);
        out.closeArchiveEntry();
      }
    }
  }

  static String sha256(byte[] content) {
    return HexFormat.of().formatHex(VerifiedCopy.sha256().digest(content));
  }
}
