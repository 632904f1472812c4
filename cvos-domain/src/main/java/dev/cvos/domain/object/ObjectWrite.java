package dev.cvos.domain.object;

import java.time.Duration;
import java.util.Locale;

/**
 * What a client asks of a PUT or POST apart from the names and the body.
 *
 * @param contentLength the declared body length, or -1 when unknown (chunked)
 * @param contentType the media type to keep, or null for the default
 * @param expectedSha256 the hex SHA-256 the body must hash to, or null for no check
 * @param expiresAfter how long the object lives, or null for ever; zero means it is gone at once
 * @param createOnly whether an existing object makes the write fail
 */
public record ObjectWrite(
    long contentLength, String contentType, String expectedSha256, Duration expiresAfter, boolean createOnly) {
  public ObjectWrite {
    if (contentLength < -1) {
      throw new IllegalArgumentException("contentLength is negative: " + contentLength);
    }
    if (expiresAfter != null && expiresAfter.isNegative()) {
      throw new IllegalArgumentException("expiresAfter is negative: " + expiresAfter);
    }
    if (expectedSha256 != null) {
      expectedSha256 = expectedSha256.toLowerCase(Locale.ROOT);
      if (!expectedSha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("expectedSha256 is not 64 hex digits");
      }
    }
  }

  /** A plain write: unknown length, default type, no check, no expiry, overwrite. */
  public static ObjectWrite plain() {
    return new ObjectWrite(-1, null, null, null, false);
  }
}
