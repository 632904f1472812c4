package dev.cvos.server.ops;

import dev.cvos.storage.spi.ObjectAlreadyExistsException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.Optional;

/**
 * Puts copies of objects into a store the way restore and migration need: an object already there
 * that is as new as the copy (by creation time) is kept; an expired copy is not written; a written
 * copy keeps its creation time and is verified by the store against its SHA-256 (a mismatch
 * leaves nothing behind).
 */
final class ObjectCopier {
  /** What became of one object. */
  enum Decision {
    /** Write it: the target does not have it. */
    CREATE,
    /** Write it over the target's older object under the key. */
    REPLACE,
    /** The target already has these bytes under the key (same SHA-256). */
    UNCHANGED,
    /** The target has a different object under the key, created at or after the copy. */
    KEPT_NEWER,
    /** The copy's expiry has passed: writing it would only make a dead object. */
    EXPIRED
  }

  private final ObjectStore target;
  private final CreationClock clock;

  ObjectCopier(ObjectStore target, CreationClock clock) {
    this.target = Objects.requireNonNull(target, "target");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  Decision decide(ObjectMetadata copy) throws IOException {
    if (copy.isExpiredAt(clock.instant())) {
      return Decision.EXPIRED;
    }
    Optional<ObjectMetadata> existing = target.stat(copy.bucket(), copy.key());
    if (existing.isEmpty()) {
      return Decision.CREATE;
    }
    ObjectMetadata there = existing.get();
    if (there.sha256().equals(copy.sha256())) {
      return Decision.UNCHANGED;
    }
    return there.created().isBefore(copy.created()) ? Decision.REPLACE : Decision.KEPT_NEWER;
  }

  /** What a write did. */
  enum Written {
    WRITTEN,
    /** A running server wrote the key meanwhile: its object is newer than any copy and is kept. */
    KEPT_NEWER,
    /**
     * An expired object that the sweep has not removed yet holds the key (a create-only write
     * judges expiry by the copy's creation time, and the body is spent): run again after the sweep.
     */
    BLOCKED_BY_EXPIRED
  }

  /**
   * Writes {@code body} as {@code copy}, stamped with the copy's creation time. After {@link
   * Decision#CREATE} the write is create-only (where the store can), so an object a running server
   * writes meanwhile is never replaced: it is newer than any copy.
   *
   * @throws dev.cvos.storage.spi.ChecksumMismatchException when the body is not the copy's bytes
   */
  Written write(ObjectMetadata copy, Decision decision, InputStream body) throws IOException {
    WriteMode mode = decision == Decision.CREATE
        && target.capabilities().contains(StoreCapability.CREATE_ONLY)
        ? WriteMode.CREATE_ONLY : WriteMode.OVERWRITE;
    WriteRequest request = new WriteRequest(copy.bucket(), copy.key(), copy.size(),
        copy.contentType(), copy.expires(), copy.sha256(), mode);
    try {
      clock.pinned(copy.created(), () -> target.put(request, body));
      return Written.WRITTEN;
    } catch (ObjectAlreadyExistsException e) {
      return target.stat(copy.bucket(), copy.key()).isPresent()
          ? Written.KEPT_NEWER : Written.BLOCKED_BY_EXPIRED;
    }
  }

  /** The message for {@link Written#BLOCKED_BY_EXPIRED}. */
  static final String BLOCKED_BY_EXPIRED = "an expired object not yet swept holds the key; run the"
      + " command again after the next expiry sweep (sweep.interval, 1m by default)";
}
