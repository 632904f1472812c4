package dev.cvos.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * What the API tells about a stored object.
 *
 * @param bucket the bucket
 * @param key the key
 * @param size the body's length in bytes
 * @param sha256 the body's SHA-256, lower-case hex
 * @param contentType the media type given at write time
 * @param created when the write completed
 * @param expires when the object is gone, or null for never
 * @param version the object catalog's version of this write: opaque, and greater for every later
 *     write of the key; null when the answering server could not tell it
 */
public record ObjectInfo(
    String bucket,
    String key,
    long size,
    String sha256,
    String contentType,
    Instant created,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant expires,
    @JsonInclude(JsonInclude.Include.NON_NULL) String version) {
  public ObjectInfo {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(created, "created");
  }

  /** An object without a known version. */
  public ObjectInfo(String bucket, String key, long size, String sha256, String contentType, Instant created,
      Instant expires) {
    this(bucket, key, size, sha256, contentType, created, expires, null);
  }
}
