package dev.cvos.server.ops;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ChecksumMismatchException;
import dev.cvos.storage.spi.ContentLengthMismatchException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Consolidates the objects of every storing server onto the shared target (docs/operations.md's steps 1 to
 * 4, automated): each object of each source is written to the target unless the target already has
 * it (same SHA-256) or has a newer object under its key, verified by the store while written and
 * read back and hashed once more after. A journal of verified objects lets an interrupted run be
 * resumed: run the same command again. A journaled object is still looked up on the target (a
 * cheap stat): one that is gone or different there is copied again.
 */
public final class MigrationToShared {
  private final ObjectStore target;
  private final CreationClock clock;
  private final Path journalFile;
  private final Progress progress;
  private final PrintWriter messages;

  public MigrationToShared(ObjectStore target, CreationClock clock, Path journalFile,
      Progress progress, PrintWriter messages) {
    this.target = Objects.requireNonNull(target, "target");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.journalFile = Objects.requireNonNull(journalFile, "journalFile");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.messages = Objects.requireNonNull(messages, "messages");
  }

  /** What a migration did. */
  public static final class Report {
    int copied;
    long copiedBytes;
    int alreadyDone;
    int alreadyThere;
    int keptNewer;
    int expired;
    int failed;

    public int copied() {
      return copied;
    }

    /** Objects the journal lists as verified on the target (by an earlier run, or from an earlier source). */
    public int alreadyDone() {
      return alreadyDone;
    }

    /** Objects the target already had with the same SHA-256. */
    public int alreadyThere() {
      return alreadyThere;
    }

    public int keptNewer() {
      return keptNewer;
    }

    public int expired() {
      return expired;
    }

    public int failed() {
      return failed;
    }

    public String summary() {
      return "copied " + copied + " (" + Progress.bytes(copiedBytes) + "), skipped "
          + (alreadyDone + alreadyThere + keptNewer + expired) + " (" + alreadyDone
          + " already copied (journal), " + alreadyThere + " already on the target, " + keptNewer
          + " newer on the target, " + expired + " expired), failed " + failed;
    }
  }

  /**
   * Copies every object of {@code sources} onto the target.
   *
   * @throws IOException when a source or the target fails as a whole (rerun to resume)
   */
  public Report run(List<ObjectSource> sources) throws IOException {
    Report report = new Report();
    long objects = 0;
    long bytes = 0;
    for (ObjectSource source : sources) {
      List<ObjectMetadata> inventory = source.inventory();
      objects += inventory.size();
      bytes += ObjectInventory.bytes(inventory);
    }
    ObjectCopier copier = new ObjectCopier(target, clock);
    try (MigrationJournal journal = new MigrationJournal(journalFile)) {
      progress.start("migrate-to-shared", objects, bytes);
      for (ObjectSource source : sources) {
        messages.printf("copying from %s%n", source.describe());
        messages.flush();
        source.forEach((metadata, body) -> {
          copyOne(copier, journal, metadata, body, report);
          progress.advance(metadata.size());
        });
      }
      progress.finish();
    }
    return report;
  }

  private void copyOne(ObjectCopier copier, MigrationJournal journal, ObjectMetadata object,
      java.io.InputStream body, Report report) throws IOException {
    if (journal.isDone(object.bucket(), object.key(), object.sha256())
        && target.stat(object.bucket(), object.key())
            .filter(there -> there.sha256().equals(object.sha256())).isPresent()) {
      // verified by an earlier run or source, and still there: no need to read it back again
      report.alreadyDone++;
      return;
    }
    ObjectCopier.Decision decision = copier.decide(object);
    switch (decision) {
      case UNCHANGED -> {
        report.alreadyThere++;
        journal.markDone(object.bucket(), object.key(), object.sha256());
      }
      case KEPT_NEWER -> report.keptNewer++;
      case EXPIRED -> report.expired++;
      case CREATE, REPLACE -> {
        try {
          switch (copier.write(object, decision, body)) {
            case WRITTEN -> { }
            case KEPT_NEWER -> {
              report.keptNewer++;
              return;
            }
            case BLOCKED_BY_EXPIRED -> {
              fail(report, object, ObjectCopier.BLOCKED_BY_EXPIRED);
              return;
            }
          }
        } catch (ChecksumMismatchException | ContentLengthMismatchException e) {
          fail(report, object, "the source's copy is damaged (" + e.getMessage() + "); nothing written");
          return;
        }
        String problem = readBack(object);
        if (problem != null) {
          fail(report, object, "the target's copy does not verify: " + problem);
          return;
        }
        journal.markDone(object.bucket(), object.key(), object.sha256());
        report.copied++;
        report.copiedBytes += object.size();
      }
    }
  }

  private String readBack(ObjectMetadata object) throws IOException {
    try (StoredObject copy = target.get(object.bucket(), object.key(), ByteRange.ALL)) {
      if (copy.metadata().size() != object.size()) {
        return "it has " + copy.metadata().size() + " bytes, not " + object.size();
      }
      VerifiedCopy.Outcome outcome = VerifiedCopy.copy(copy.body(), OutputStream.nullOutputStream(),
          object.size(), object.sha256());
      return outcome.problem();
    }
  }

  private void fail(Report report, ObjectMetadata object, String why) {
    report.failed++;
    messages.printf("FAILED %s/%s: %s%n", object.bucket(), object.key(), why);
  }
}
