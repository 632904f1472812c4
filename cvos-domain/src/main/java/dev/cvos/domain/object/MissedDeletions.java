package dev.cvos.domain.object;

import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Applies the deletions this server missed (taken while it was offline or unreachable) from the
 * cluster's {@link DeletionLog}, and tells whether this server's storage may be served.
 *
 * <p>A recorded deletion removes the local copy only when that copy is not newer than the
 * deletion: an object written under the same key after the DELETE stays. After applying, the
 * progress is marked so the log can drop records every storing server has applied.
 *
 * <p>{@link #current()} is false until the first pass completed and again when the last complete
 * pass is older than {@code maxStaleness} (a server that was paused or cut off from the database
 * must not serve objects it may have missed the deletion of). Thread-safe.
 */
public final class MissedDeletions {
  private static final int PAGE = 500;

  private final ObjectStore store;
  private final DeletionLog log;
  private final String selfId;
  private final Clock clock;
  private final Duration maxStaleness;
  private final Optional<Catalogued> catalog;
  private volatile Instant lastPass;
  private volatile Instant lastFailedCatchUp;
  /** Held by the pass applying deletions; reads only try it (see {@link #problemAfterCatchUp}). */
  private final ReentrantLock pass = new ReentrantLock();

  public MissedDeletions(ObjectStore store, DeletionLog log, String selfId, Clock clock, Duration maxStaleness) {
    this(store, log, selfId, clock, maxStaleness, Optional.empty());
  }

  /**
   * With the object catalog, a record (a deletion, or an overwrite elsewhere) removes the local copy
   * unless the catalog names this server's store as a holder of the key's current version and the
   * copy is that version: ordered by catalog versions, never by comparing clocks.
   */
  public MissedDeletions(ObjectStore store, DeletionLog log, String selfId, Clock clock, Duration maxStaleness,
      Optional<Catalogued> catalog) {
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.store = Objects.requireNonNull(store, "store");
    this.log = Objects.requireNonNull(log, "log");
    this.selfId = Objects.requireNonNull(selfId, "selfId");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxStaleness = Objects.requireNonNull(maxStaleness, "maxStaleness");
  }

  /**
   * Applies every pending deletion, oldest first, and marks them applied.
   *
   * @return how many local copies were deleted
   * @throws IOException when the store fails (the pass stops; the next one retries from there)
   */
  public int applyPending() throws IOException {
    pass.lock();
    try {
      return applyPendingLocked();
    } finally {
      pass.unlock();
    }
  }

  private int applyPendingLocked() throws IOException {
    Instant started = clock.instant();
    int deleted = 0;
    List<Deletion> page = log.pendingFor(selfId, PAGE);
    while (!page.isEmpty()) {
      for (Deletion deletion : page) {
        deleted += apply(deletion) ? 1 : 0;
      }
      log.markApplied(selfId, page.get(page.size() - 1).id());
      page = page.size() < PAGE ? List.of() : log.pendingFor(selfId, PAGE);
    }
    lastPass = started;
    return deleted;
  }

  private boolean apply(Deletion deletion) throws IOException {
    if (catalog.isEmpty()) {
      return applies(deletion) && store.delete(deletion.bucket(), deletion.key());
    }
    Catalogued c = catalog.get();
    ReentrantLock lock = c.locks().lock(deletion.bucket(), deletion.key());
    try {
      Optional<ObjectMetadata> local = store.stat(deletion.bucket(), deletion.key());
      if (local.isEmpty()) {
        return false;
      }
      Optional<CatalogEntry> current = c.catalog().find(deletion.bucket(), deletion.key());
      boolean currentHere = current.isPresent() && c.heldHere(current.get().holders())
          && current.get().metadata().sha256().equals(local.get().sha256());
      return !currentHere && store.delete(deletion.bucket(), deletion.key());
    } finally {
      lock.unlock();
    }
  }

  private boolean applies(Deletion deletion) throws IOException {
    Optional<ObjectMetadata> local = store.stat(deletion.bucket(), deletion.key());
    return local.isPresent() && !local.get().created().isAfter(deletion.deletedAt());
  }

  /** Whether a pass completed recently enough for this server's storage to be served. */
  public boolean current() {
    Instant last = lastPass;
    return last != null && !clock.instant().isAfter(last.plus(maxStaleness));
  }

  /**
   * Why this server's storage may not be served now, after applying the pending deletions at once
   * when the last pass is too old; empty when it may be served. The scheduled passes keep the
   * storage current; this catch-up covers a pass that was late (a starved scheduler on a loaded
   * machine, a long collector pause), so a read is not refused while the database answers. A
   * failed catch-up (the database unreachable) is not tried again by reads for {@code
   * maxStaleness}, so reads do not queue on an unreachable database.
   */
  public Optional<String> problemAfterCatchUp() {
    if (current()) {
      return Optional.empty();
    }
    // A pass under way (the scheduled one, or another read's catch-up) may be stuck on a stalled
    // database: a read never waits for it, it answers with what is known now.
    if (!pass.tryLock()) {
      return problem();
    }
    try {
      Instant failed = lastFailedCatchUp;
      if (!current() && (failed == null || clock.instant().isAfter(failed.plus(maxStaleness)))) {
        try {
          applyPendingLocked();
        } catch (IOException | RuntimeException e) {
          lastFailedCatchUp = clock.instant();
        }
      }
    } finally {
      pass.unlock();
    }
    return problem();
  }

  /** Why this server's storage may not be served now; empty when {@link #current()}. */
  public Optional<String> problem() {
    Instant last = lastPass;
    if (last == null) {
      return Optional.of("deletions taken while this server was away are not applied yet");
    }
    return current() ? Optional.empty()
        : Optional.of("the deletion log was last applied at " + last + ", longer than " + maxStaleness + " ago");
  }
}
