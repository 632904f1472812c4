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
 */
public record ObjectInfo(
    String bucket,
    String key,
    long size,
    String sha256,
    String contentType,
    Instant created,
    @JsonInclude(JsonInclude.Include.ALWAYS) Instant expires) {
  public ObjectInfo {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(created, "created");
  }
}
