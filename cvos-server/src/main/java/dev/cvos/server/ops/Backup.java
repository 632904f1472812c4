package dev.cvos.server.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.server.CvosVersion;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoredObject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Takes a backup of a running server into a {@code .tar.gz} (see {@link BackupFormat}): it lists
 * the store, then reads each object through one opened {@link StoredObject} — a store replaces an
 * object by an atomic rename, so an object written meanwhile is in the backup whole (old or new
 * version) or not at all — verifying its SHA-256 as it streams. The archive is written under a
 * temporary name and renamed at the end, so an interrupted backup never looks complete.
 */
public final class Backup {
  private final ServerSetup setup;
  private final ObjectStore store;
  private final DatabaseBackup database;
  private final Clock clock;
  private final Progress progress;
  private final PrintWriter messages;
  private final ObjectMapper json = BackupFormat.json();

  /**
   * @param database the database, for a full backup; null for objects only
   * @param messages where each object that cannot be backed up is named
   */
  public Backup(ServerSetup setup, ObjectStore store, DatabaseBackup database, Clock clock,
      Progress progress, PrintWriter messages) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.store = Objects.requireNonNull(store, "store");
    this.database = database;
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /** What a backup wrote. */
  public record Result(Path file, BackupKind kind, int objects, long bytes, int vanished, int failed) {}

  /**
   * Writes a backup of {@code kind} to {@code output}.
   *
   * @throws OperationRefusedException when this server must not take that kind of backup
   * @throws IOException when the store cannot be listed or the archive cannot be written
   */
  public Result run(BackupKind kind, Path output) throws IOException, OperationRefusedException {
    RolePolicy.checkBackup(kind, setup.role(), setup.storageMode());
    if (kind == BackupKind.FULL && database == null) {
      throw new IllegalArgumentException("a full backup needs the database");
    }
    Instant started = clock.instant();
    List<ObjectMetadata> listed = ObjectInventory.of(store);
    Path target = output.toAbsolutePath().normalize();
    if (target.getParent() != null) {
      Files.createDirectories(target.getParent());
    }
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    Counts counts = new Counts();
    List<ManifestEntry> entries = new ArrayList<>();
    try (OutputStream file = new BufferedOutputStream(OwnerOnlyFiles.create(partial), 1 << 16);
        GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      BackupHeader header = new BackupHeader(BackupFormat.VERSION, kind, setup.serverId(),
          RolePolicy.name(setup.role()), setup.storageMode().name().toLowerCase(java.util.Locale.ROOT),
          CvosVersion.current(), started);
      putBytes(tar, BackupFormat.HEADER, json.writeValueAsBytes(header), started);
      if (kind == BackupKind.FULL) {
        Path config = setup.configFile();
        if (config != null && Files.isRegularFile(config)) {
          putBytes(tar, BackupFormat.CONFIG, Files.readAllBytes(config), started);
        }
        putBytes(tar, BackupFormat.DATABASE, json.writeValueAsBytes(database.export()), started);
      }
      progress.start("backup", listed.size(), ObjectInventory.bytes(listed));
      for (ObjectMetadata object : listed) {
        backUp(tar, object, entries, counts);
        progress.advance(object.size());
      }
      progress.finish();
      BackupManifest manifest = new BackupManifest(entries, counts.bytes, counts.failed);
      putBytes(tar, BackupFormat.MANIFEST, json.writeValueAsBytes(manifest), clock.instant());
      tar.finish();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Result(target, kind, entries.size(), counts.bytes, counts.vanished, counts.failed);
  }

  private static final class Counts {
    long sequence;
    long bytes;
    int vanished;
    int failed;
  }

  private void backUp(TarArchiveOutputStream tar, ObjectMetadata listed, List<ManifestEntry> entries,
      Counts counts) throws IOException {
    StoredObject object;
    try {
      object = store.get(listed.bucket(), listed.key(), ByteRange.ALL);
    } catch (ObjectNotFoundException e) {
      counts.vanished++;
      return;
    } catch (IOException e) {
      counts.failed++;
      messages.printf("FAILED %s/%s: cannot be read: %s%n", listed.bucket(), listed.key(), e.getMessage());
      return;
    }
    try (object) {
      ObjectMetadata metadata = object.metadata();
      String path = BackupFormat.OBJECTS + counts.sequence++;
      TarArchiveEntry entry = new TarArchiveEntry(path);
      entry.setSize(metadata.size());
      entry.setModTime(metadata.created().toEpochMilli());
      tar.putArchiveEntry(entry);
      VerifiedCopy.Outcome outcome =
          VerifiedCopy.copy(object.body(), tar, metadata.size(), metadata.sha256());
      tar.closeArchiveEntry();
      if (outcome.verified()) {
        entries.add(ManifestEntry.of(path, metadata));
        counts.bytes += metadata.size();
      } else {
        counts.failed++;
        messages.printf("FAILED %s/%s: %s (left out of the backup)%n", metadata.bucket(),
            metadata.key(), outcome.problem());
      }
    }
  }

  private static void putBytes(TarArchiveOutputStream tar, String name, byte[] bytes, Instant time)
      throws IOException {
    TarArchiveEntry entry = new TarArchiveEntry(name);
    entry.setSize(bytes.length);
    entry.setModTime(time.toEpochMilli());
    tar.putArchiveEntry(entry);
    tar.write(bytes);
    tar.closeArchiveEntry();
  }
}
