package dev.cvos.storage.spi;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * What {@link ObjectStore#put} is asked to store, apart from the body.
 *
 * @param bucket the bucket; checked with {@link ObjectNames#checkBucket}
 * @param key the key; checked with {@link ObjectNames#checkKey}
 * @param contentLength the body's length in bytes, or {@link #UNKNOWN_LENGTH}
 * @param contentType the media type to keep and return; {@code application/octet-stream} if null
 * @param expires when the object stops existing, or null for never
 * @param expectedSha256 the lower-case hex SHA-256 the body must have, or null for no check
 * @param mode whether an existing object may be replaced
 */
public record WriteRequest(
    String bucket,
    String key,
    long contentLength,
    String contentType,
    Instant expires,
    String expectedSha256,
    WriteMode mode) {

  /** A {@link #contentLength()} that says the length is not known in advance. */
  public static final long UNKNOWN_LENGTH = -1;

  /** The content type used when none is given. */
  public static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  public WriteRequest {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(mode, "mode");
    if (contentLength < UNKNOWN_LENGTH) {
      throw new IllegalArgumentException("contentLength is negative: " + contentLength);
    }
    if (contentType == null || contentType.isBlank()) {
      contentType = DEFAULT_CONTENT_TYPE;
    }
    if (expectedSha256 != null) {
      expectedSha256 = expectedSha256.toLowerCase(Locale.ROOT);
      if (!expectedSha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("expectedSha256 is not 64 hex digits");
      }
    }
  }

  /** An overwriting write of unknown length with no expiry and no expected digest. */
  public static WriteRequest of(String bucket, String key) {
    return new WriteRequest(bucket, key, UNKNOWN_LENGTH, null, null, null, WriteMode.OVERWRITE);
  }

  /** This request with another declared length. */
  public WriteRequest withContentLength(long length) {
    return new WriteRequest(bucket, key, length, contentType, expires, expectedSha256, mode);
  }

  /** This request with another content type. */
  public WriteRequest withContentType(String type) {
    return new WriteRequest(bucket, key, contentLength, type, expires, expectedSha256, mode);
  }

  /** This request with an expiry time (null for never). */
  public WriteRequest withExpires(Instant when) {
    return new WriteRequest(bucket, key, contentLength, contentType, when, expectedSha256, mode);
  }

  /** This request with an expected SHA-256 (null for no check). */
  public WriteRequest withExpectedSha256(String hex) {
    return new WriteRequest(bucket, key, contentLength, contentType, expires, hex, mode);
  }

  /** This request with another write mode. */
  public WriteRequest withMode(WriteMode writeMode) {
    return new WriteRequest(bucket, key, contentLength, contentType, expires, expectedSha256, writeMode);
  }
}
