package dev.cvos.domain.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * A recorded deletion, kept until every storing server has applied it.
 *
 * @param id the record's id, increasing in the order deletions were recorded
 * @param bucket the bucket
 * @param key the key
 * @param deletedAt when the client's DELETE was taken
 * @param deletedBy the id of the server that took it
 */
public record Deletion(long id, String bucket, String key, Instant deletedAt, String deletedBy) {
  public Deletion {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(deletedBy, "deletedBy");
  }
}
