package dev.cvos.storage.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known about a stored object, apart from its bytes. It travels with the object, so a
 * copy of a store's files keeps it.
 *
 * @param bucket the bucket
 * @param key the key
 * @param size the body's length in bytes
 * @param sha256 the body's SHA-256, 64 lower-case hex digits
 * @param contentType the media type given at write time
 * @param created when the write completed
 * @param expires when the object stops existing, or null for never
 */
public record ObjectMetadata(
    String bucket,
    String key,
    long size,
    String sha256,
    String contentType,
    Instant created,
    Instant expires) {

  public ObjectMetadata {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(created, "created");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    if (!isLowerHexSha256(sha256)) {
      throw new IllegalArgumentException("sha256 is not 64 lower-case hex digits: " + sha256);
    }
  }

  /** Whether the object has expired at {@code now}: an expired object no longer exists. */
  public boolean isExpiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }

  /** The check of {@code [0-9a-f]{64}} without a regular expression: it runs on every read. */
  private static boolean isLowerHexSha256(String s) {
    if (s.length() != 64) {
      return false;
    }
    for (int i = 0; i < 64; i++) {
      char c = s.charAt(i);
      if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
        return false;
      }
    }
    return true;
  }
}
