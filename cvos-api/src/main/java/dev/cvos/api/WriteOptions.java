package dev.cvos.api;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The optional headers of a PUT or POST.
 *
 * @param contentType the media type to keep, or null for the server's default
 * @param sha256 the hex SHA-256 the body must hash to, or null for no check
 * @param expiresAfter when the object is gone (whole seconds, at least one), or null for never
 * @param createOnly whether to send {@code If-None-Match: *} (fail with 412 if the key exists)
 */
public record WriteOptions(String contentType, String sha256, Duration expiresAfter, boolean createOnly) {
  public WriteOptions {
    if (expiresAfter != null && expiresAfter.toSeconds() < 1) {
      throw new IllegalArgumentException("expiresAfter is sent in whole seconds and must be at least 1s, was "
          + expiresAfter);
    }
  }

  /** No options: the server's default content type, no check, no expiry, overwrite. */
  public static WriteOptions none() {
    return new WriteOptions(null, null, null, false);
  }

  /** These options with {@code Content-Type: type}, kept and returned on reads. */
  public WriteOptions withContentType(String type) {
    return new WriteOptions(type, sha256, expiresAfter, createOnly);
  }

  /** These options with {@code X-Cvos-Sha256: hex}: the server stores nothing unless the body hashes to it. */
  public WriteOptions withSha256(String hex) {
    return new WriteOptions(contentType, hex, expiresAfter, createOnly);
  }

  /** These options with {@code X-Cvos-Expires-After} in whole seconds: the object is gone after that. */
  public WriteOptions withExpiresAfter(Duration after) {
    return new WriteOptions(contentType, sha256, after, createOnly);
  }

  /** These options with {@code If-None-Match: *}: fail with 412 if the key exists anywhere in the cluster. */
  public WriteOptions asCreateOnly() {
    return new WriteOptions(contentType, sha256, expiresAfter, true);
  }

  /** The request headers these options are sent as (name to value), in a stable order. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    if (sha256 != null) {
      headers.put(CvosHeaders.SHA256, sha256);
    }
    if (expiresAfter != null) {
      headers.put(CvosHeaders.EXPIRES_AFTER, Long.toString(expiresAfter.toSeconds()));
    }
    if (createOnly) {
      headers.put("If-None-Match", "*");
    }
    return headers;
  }
}
