package dev.cvos.server.ops;

import dev.cvos.storage.spi.ObjectMetadata;
import java.time.Instant;
import java.util.Objects;

/**
 * One object of a backup: where its body is in the archive, and its metadata as it was read (the
 * body was verified against {@code sha256} while it streamed into the archive).
 *
 * @param path the body's entry name in the archive
 */
public record ManifestEntry(String path, String bucket, String key, long size, String sha256,
    String contentType, Instant created, Instant expires) {
  public ManifestEntry {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(created, "created");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }

  static ManifestEntry of(String path, ObjectMetadata metadata) {
    return new ManifestEntry(path, metadata.bucket(), metadata.key(), metadata.size(),
        metadata.sha256(), metadata.contentType(), metadata.created(), metadata.expires());
  }

  /** The entry as the store's metadata. */
  public ObjectMetadata metadata() {
    return new ObjectMetadata(bucket, key, size, sha256, contentType, created, expires);
  }
}
