package dev.cvos.api;

import java.time.Duration;

/**
 * The optional headers of a PUT or POST.
 *
 * @param contentType the media type to keep, or null for the server's default
 * @param sha256 the hex SHA-256 the body must hash to, or null for no check
 * @param expiresAfter when the object is gone, or null for never
 * @param createOnly whether to send {@code If-None-Match: *} (fail with 412 if the key exists)
 */
public record WriteOptions(String contentType, String sha256, Duration expiresAfter, boolean createOnly) {
  /** No options: the server's default content type, no check, no expiry, overwrite. */
  public static WriteOptions none() {
    return new WriteOptions(null, null, null, false);
  }

  public WriteOptions withContentType(String type) {
    return new WriteOptions(type, sha256, expiresAfter, createOnly);
  }

  public WriteOptions withSha256(String hex) {
    return new WriteOptions(contentType, hex, expiresAfter, createOnly);
  }

  public WriteOptions withExpiresAfter(Duration after) {
    return new WriteOptions(contentType, sha256, after, createOnly);
  }

  public WriteOptions asCreateOnly() {
    return new WriteOptions(contentType, sha256, expiresAfter, true);
  }
}
