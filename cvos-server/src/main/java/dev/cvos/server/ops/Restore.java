package dev.cvos.server.ops;

import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.storage.spi.ChecksumMismatchException;
import dev.cvos.storage.spi.ContentLengthMismatchException;
import dev.cvos.storage.spi.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Restores a backup into this server's store (and, for a full backup, its configuration and
 * database rows). It can run twice with the same result, next to a running server:
 *
 * <ul>
 *   <li>an object the store has with the same SHA-256 is left alone; one created at or after the
 *       backup's copy is kept (a newer write wins); an expired copy is not written;
 *   <li>every body is verified against the manifest's SHA-256 by the store as it is written; a
 *       mismatch writes nothing and is reported;
 *   <li>a restored object must stay restored: the deletion log's records of that object taken
 *       before the restore started are dropped just before it is written, so no server that
 *       applies the log later deletes it again (a deletion taken while the restore runs stays).
 * </ul>
 *
 * <p>The configuration is never overwritten under a running server: it is written next to the
 * current file as {@code cvos.yaml.restored-<time>} when they differ (or as the file, when there
 * is none). Registry rows that are missing are inserted; the backup's deletion records are not
 * replayed: the backup's objects already reflect them, and replaying old deletions could remove
 * objects written since.
 */
public final class Restore {
  private final ServerSetup setup;
  private final ObjectStore store;
  private final DatabaseBackup database;
  private final CreationClock clock;
  private final Progress progress;
  private final PrintWriter messages;

  public Restore(ServerSetup setup, ObjectStore store, DatabaseBackup database, CreationClock clock,
      Progress progress, PrintWriter messages) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.store = Objects.requireNonNull(store, "store");
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /**
   * Restores {@code archive}.
   *
   * @param objectsOnly restore only the objects of a full backup
   * @throws OperationRefusedException when the backup does not belong on this server
   */
  public RestoreReport run(BackupArchive archive, boolean objectsOnly)
      throws IOException, OperationRefusedException {
    RolePolicy.checkRestore(archive.header(), setup.serverId(), setup.role());
    Instant started = clock.instant();
    RestoreReport report = new RestoreReport();
    if (archive.header().kind() == BackupKind.FULL && !objectsOnly) {
      report.configFile = restoreConfig(archive, started);
      if (archive.database().isPresent()) {
        report.registryRows = database.restoreRegistry(archive.database().get().servers());
      }
    }
    Map<String, ManifestEntry> byPath = new HashMap<>();
    for (ManifestEntry entry : archive.manifest().objects()) {
      byPath.put(entry.path(), entry);
    }
    Set<String> seen = new HashSet<>();
    ObjectCopier copier = new ObjectCopier(store, clock);
    progress.start("restore", byPath.size(), archive.manifest().bytes());
    archive.forEachBody((path, body) -> {
      ManifestEntry entry = byPath.get(path);
      if (entry == null || !seen.add(path)) {
        return;
      }
      restoreOne(copier, entry, body, started, report);
      progress.advance(entry.size());
    });
    progress.finish();
    for (ManifestEntry entry : archive.manifest().objects()) {
      if (!seen.contains(entry.path())) {
        fail(report, entry, "its body " + entry.path() + " is missing from the archive");
      }
    }
    return report;
  }

  private void restoreOne(ObjectCopier copier, ManifestEntry entry, InputStream body,
      Instant started, RestoreReport report) throws IOException {
    ObjectCopier.Decision decision;
    try {
      decision = copier.decide(entry.metadata());
    } catch (IOException e) {
      fail(report, entry, "cannot read the store: " + e.getMessage());
      return;
    }
    switch (decision) {
      case UNCHANGED -> report.unchanged++;
      case KEPT_NEWER -> report.keptNewer++;
      case EXPIRED -> report.expired++;
      case CREATE, REPLACE -> {
        report.deletionsDropped += database.forgetDeletions(entry.bucket(), entry.key(), started);
        try {
          switch (copier.write(entry.metadata(), decision, body)) {
            case WRITTEN -> {
              database.catalogueRestored(entry.metadata(), holder());
              report.restored++;
              report.restoredBytes += entry.size();
            }
            case KEPT_NEWER -> report.keptNewer++;
            case BLOCKED_BY_EXPIRED -> fail(report, entry, ObjectCopier.BLOCKED_BY_EXPIRED);
          }
        } catch (ChecksumMismatchException | ContentLengthMismatchException e) {
          fail(report, entry, "the archive's copy is damaged (" + e.getMessage() + "); nothing written");
        }
      }
    }
  }

  /** This store's name in the object catalog. */
  private String holder() {
    return setup.storageMode() == dev.cvos.domain.cluster.StorageMode.SHARED
        ? dev.cvos.domain.catalog.ObjectCatalog.SHARED : setup.serverId();
  }

  private void fail(RestoreReport report, ManifestEntry entry, String why) {
    report.failed++;
    messages.printf("FAILED %s/%s: %s%n", entry.bucket(), entry.key(), why);
  }

  private Path restoreConfig(BackupArchive archive, Instant started) throws IOException {
    if (archive.config().isEmpty() || setup.configFile() == null) {
      return null;
    }
    byte[] config = archive.config().get();
    Path current = setup.configFile();
    if (Files.isRegularFile(current) && Arrays.equals(Files.readAllBytes(current), config)) {
      return null;
    }
    Path target = current;
    if (Files.exists(current)) {
      String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
          .format(started.truncatedTo(ChronoUnit.SECONDS).atZone(java.time.ZoneOffset.UTC));
      target = current.resolveSibling(current.getFileName() + ".restored-" + stamp);
    }
    Files.createDirectories(target.toAbsolutePath().getParent());
    OwnerOnlyFiles.write(target, config);
    return target;
  }
}
