package dev.cvos.server.ops;

import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
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
    /** Write it: absent, or older in the target. */
    WRITE,
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
      return Decision.WRITE;
    }
    ObjectMetadata there = existing.get();
    if (there.sha256().equals(copy.sha256())) {
      return Decision.UNCHANGED;
    }
    return there.created().isBefore(copy.created()) ? Decision.WRITE : Decision.KEPT_NEWER;
  }

  /**
   * Writes {@code body} as {@code copy} (replacing an older object), stamped with the copy's
   * creation time.
   *
   * @throws dev.cvos.storage.spi.ChecksumMismatchException when the body is not the copy's bytes
   */
  ObjectMetadata write(ObjectMetadata copy, InputStream body) throws IOException {
    WriteRequest request = new WriteRequest(copy.bucket(), copy.key(), copy.size(),
        copy.contentType(), copy.expires(), copy.sha256(), WriteMode.OVERWRITE);
    return clock.pinned(copy.created(), () -> target.put(request, body));
  }
}
