package dev.cvos.domain.object;

import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.relay.ClusterListing;
import dev.cvos.domain.relay.DeleteOutcome;
import dev.cvos.domain.relay.Relay;
import dev.cvos.domain.relay.RelayOutcome;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.RangeNotSatisfiableException;
import dev.cvos.storage.spi.StoredObject;
import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * The object use cases of a storing server in a cluster (docs/architecture.md, "The relay"): this
 * server's storage first, and on a miss the other storing servers through the {@link Relay}.
 *
 * <p>A request that is itself relayed ({@code relayed = true}, from an authenticated peer) is
 * answered from this server's storage only and never relayed again. A server without a relay (a
 * primary serving alone) answers from its storage only. This server's storage is not read (GET,
 * HEAD, listing) while the deletion log is not applied recently enough ({@link
 * MissedDeletions#problemAfterCatchUp()}): a copy deleted elsewhere while this server was away may
 * still be on its disk. Writes and deletes go on: a write is newer than
 * any recorded deletion, and a delete only removes more.
 */
public final class ClusterObjects {
  private final ObjectService local;
  private final MissedDeletions missedDeletions;
  private final Optional<Cluster> cluster;

  /** The cluster side: the relay, and where incomplete deletions are recorded. */
  public record Cluster(Relay relay, DeletionLog deletionLog, String selfId, Clock clock) {
    public Cluster {
      Objects.requireNonNull(relay, "relay");
      Objects.requireNonNull(deletionLog, "deletionLog");
      Objects.requireNonNull(selfId, "selfId");
      Objects.requireNonNull(clock, "clock");
    }
  }

  public ClusterObjects(ObjectService local, MissedDeletions missedDeletions, Optional<Cluster> cluster) {
    this.local = Objects.requireNonNull(local, "local");
    this.missedDeletions = Objects.requireNonNull(missedDeletions, "missedDeletions");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
  }

  /**
   * Writes an object here. A create-only write ({@code If-None-Match: *}) first asks the other
   * storing servers: it fails with {@link ObjectErrorCode#ALREADY_EXISTS} when any has the key, and
   * with {@link ObjectErrorCode#UNAVAILABLE} when one could not answer.
   */
  public PutOutcome put(String bucket, String key, ObjectWrite write, InputStream body, boolean relayed)
      throws ObjectOperationException {
    if (write.createOnly() && !relayed && cluster.isPresent()) {
      RelayOutcome<ObjectMetadata> elsewhere = cluster.get().relay().stat(bucket, key);
      if (elsewhere instanceof RelayOutcome.Found<ObjectMetadata> found) {
        throw new ObjectOperationException(ObjectErrorCode.ALREADY_EXISTS,
            "an object " + key + " exists in bucket " + bucket + " on server " + found.source());
      }
      if (elsewhere instanceof RelayOutcome.Unavailable<ObjectMetadata> unavailable) {
        throw unavailable(bucket, key, unavailable.reason());
      }
    }
    return local.put(bucket, key, write, body);
  }

  /** Writes an object under a key this server picks (a new key exists nowhere else). */
  public ObjectMetadata post(String bucket, ObjectWrite write, InputStream body) throws ObjectOperationException {
    return local.post(bucket, write, body);
  }

  /** Opens an object here, or else on the storing server that has it; the caller closes it. */
  public Located<StoredObject> open(String bucket, String key, ByteRange range, boolean relayed)
      throws ObjectOperationException {
    checkCurrent();
    try {
      return Located.here(local.open(bucket, key, range));
    } catch (ObjectOperationException e) {
      if (e.code() != ObjectErrorCode.NOT_FOUND || relayed || cluster.isEmpty()) {
        throw e;
      }
    }
    try {
      return located(bucket, key, cluster.get().relay().get(bucket, key, range));
    } catch (RangeNotSatisfiableException e) {
      throw ObjectOperationException.rangeNotSatisfiable(e.size());
    }
  }

  /** The metadata of an object here, or else on the storing server that has it. */
  public Located<ObjectMetadata> metadata(String bucket, String key, boolean relayed) throws ObjectOperationException {
    checkCurrent();
    try {
      return Located.here(local.metadata(bucket, key));
    } catch (ObjectOperationException e) {
      if (e.code() != ObjectErrorCode.NOT_FOUND || relayed || cluster.isEmpty()) {
        throw e;
      }
    }
    return located(bucket, key, cluster.get().relay().stat(bucket, key));
  }

  /**
   * Deletes every copy: here, and (unless relayed) on every other storing server. When a storing
   * server could not be reached, the deletion is recorded so it deletes its copy when it returns;
   * the answer is then success when any server had a copy, and {@link
   * ObjectErrorCode#UNAVAILABLE} when none of the reached ones had one (the object may exist on
   * the unreached server; it goes when that server returns). {@link ObjectErrorCode#NOT_FOUND} only
   * when every storing server answered that it had none.
   */
  public void delete(String bucket, String key, boolean relayed) throws ObjectOperationException {
    if (relayed || cluster.isEmpty()) {
      local.delete(bucket, key);
      return;
    }
    Cluster c = cluster.get();
    boolean deletedHere = local.deleteIfPresent(bucket, key);
    DeleteOutcome outcome = c.relay().delete(bucket, key);
    if (!outcome.complete()) {
      c.deletionLog().record(bucket, key, c.clock().instant(), c.selfId());
    }
    if (deletedHere || outcome.anyDeleted()) {
      return;
    }
    if (outcome.complete()) {
      throw StorageFailures.notFound(bucket, key);
    }
    throw new ObjectOperationException(ObjectErrorCode.UNAVAILABLE, "no reached server had " + key + " in bucket "
        + bucket + ", and " + String.join(", ", outcome.unreachable()) + " could not be asked ("
        + outcome.reason() + "); the deletion is recorded and applied when they return");
  }

  /** A page of a bucket's keys across the cluster (here only when relayed). */
  public ObjectListing list(String bucket, String prefix, String after, int limit, boolean relayed)
      throws ObjectOperationException {
    checkCurrent();
    ObjectListing here = local.list(bucket, prefix, after, limit);
    if (relayed || cluster.isEmpty()) {
      return here;
    }
    ListRequest request = new ListRequest(prefix == null ? "" : prefix, after, limit);
    ClusterListing listing = cluster.get().relay().list(bucket, request, here);
    if (!listing.complete()) {
      throw new ObjectOperationException(ObjectErrorCode.UNAVAILABLE, "the listing of bucket " + bucket
          + " would miss the objects of " + String.join(", ", listing.unreachable()) + ": " + listing.reason());
    }
    return listing.page();
  }

  private <T> Located<T> located(String bucket, String key, RelayOutcome<T> outcome) throws ObjectOperationException {
    if (outcome instanceof RelayOutcome.Found<T> found) {
      return new Located<>(found.value(), Optional.of(found.source()));
    }
    if (outcome instanceof RelayOutcome.Unavailable<T> unavailable) {
      throw unavailable(bucket, key, unavailable.reason());
    }
    throw StorageFailures.notFound(bucket, key);
  }

  private static ObjectOperationException unavailable(String bucket, String key, String reason) {
    return new ObjectOperationException(ObjectErrorCode.UNAVAILABLE, "object " + key + " in bucket " + bucket
        + " may be on a server that did not answer in time: " + reason);
  }

  private void checkCurrent() throws ObjectOperationException {
    Optional<String> problem = missedDeletions.problemAfterCatchUp();
    if (problem.isPresent()) {
      throw new ObjectOperationException(ObjectErrorCode.UNAVAILABLE,
          "this server cannot serve its storage yet: " + problem.get());
    }
  }
}
