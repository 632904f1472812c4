package dev.cvos.domain.object;

import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.domain.catalog.CatalogPage;
import dev.cvos.domain.catalog.ObjectCatalog;
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
  private final Optional<Catalogued> catalog;
  private final Clock clock;
  private final KnownVersions versions = new KnownVersions();
  private final Optional<CatalogChanges> changes;

  /** The cluster side: the relay, and where incomplete deletions are recorded. */
  public record Cluster(Relay relay, DeletionLog deletionLog, String selfId, Clock clock) {
    public Cluster {
      Objects.requireNonNull(relay, "relay");
      Objects.requireNonNull(deletionLog, "deletionLog");
      Objects.requireNonNull(selfId, "selfId");
      Objects.requireNonNull(clock, "clock");
    }
  }

  /** The use cases without a catalog: every miss asks every storing server (the fallback's rules). */
  public ClusterObjects(ObjectService local, MissedDeletions missedDeletions, Optional<Cluster> cluster) {
    this(local, missedDeletions, cluster, Optional.empty(), Clock.systemUTC());
  }

  /**
   * The use cases with the object catalog (docs/architecture.md, "The object catalog"): writes and
   * deletes commit to it, a miss asks it and then only the holders, listings read it. When the
   * catalog cannot be reached, reads fall back to asking every storing server and writes fail with
   * {@link ObjectErrorCode#UNAVAILABLE}.
   */
  public ClusterObjects(ObjectService local, MissedDeletions missedDeletions, Optional<Cluster> cluster,
      Optional<Catalogued> catalog, Clock clock) {
    this.local = Objects.requireNonNull(local, "local");
    this.missedDeletions = Objects.requireNonNull(missedDeletions, "missedDeletions");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.changes = catalog.map(c -> new CatalogChanges(local, c, cluster, clock, versions));
  }

  /**
   * Writes an object here. A create-only write ({@code If-None-Match: *}) first asks the other
   * storing servers: it fails with {@link ObjectErrorCode#ALREADY_EXISTS} when any has the key, and
   * with {@link ObjectErrorCode#UNAVAILABLE} when one could not answer.
   */
  public PutOutcome put(String bucket, String key, ObjectWrite write, InputStream body, boolean relayed)
      throws ObjectOperationException {
    if (catalog.isPresent()) {
      return changes.get().put(bucket, key, write, body, write.createOnly());
    }
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
    return postWithVersion(bucket, write, body).metadata();
  }

  /** {@link #post}, with the catalog version the write took. */
  public PutOutcome postWithVersion(String bucket, ObjectWrite write, InputStream body)
      throws ObjectOperationException {
    if (catalog.isEmpty()) {
      return new PutOutcome(local.post(bucket, write, body), true);
    }
    ObjectWrite createOnly = new ObjectWrite(write.contentLength(), write.contentType(),
        write.expectedSha256(), write.expiresAfter(), true);
    // A new key exists nowhere: no need to ask the catalog before storing (the insert still decides).
    return changes.get().put(bucket, local.newKey(), createOnly, body, false);
  }

  /** Opens an object here, or else on the storing server that has it; the caller closes it. */
  public Located<StoredObject> open(String bucket, String key, ByteRange range, boolean relayed)
      throws ObjectOperationException {
    checkCurrent();
    try {
      return new Located<>(local.open(bucket, key, range), Optional.empty(), versions.of(bucket, key));
    } catch (ObjectOperationException e) {
      if (e.code() != ObjectErrorCode.NOT_FOUND || relayed || cluster.isEmpty()) {
        throw e;
      }
    }
    try {
      Optional<java.util.Set<String>> holders = holdersElsewhere(bucket, key);
      return located(bucket, key, holders.isEmpty()
          ? cluster.get().relay().get(bucket, key, range)
          : cluster.get().relay().get(bucket, key, range, asked(holders.get())), versions.of(bucket, key));
    } catch (RangeNotSatisfiableException e) {
      throw ObjectOperationException.rangeNotSatisfiable(e.size());
    }
  }

  /** The metadata of an object here, or else on the storing server that has it. */
  public Located<ObjectMetadata> metadata(String bucket, String key, boolean relayed) throws ObjectOperationException {
    checkCurrent();
    try {
      return new Located<>(local.metadata(bucket, key), Optional.empty(), versions.of(bucket, key));
    } catch (ObjectOperationException e) {
      if (e.code() != ObjectErrorCode.NOT_FOUND || relayed || cluster.isEmpty()) {
        throw e;
      }
    }
    Optional<java.util.Set<String>> holders = holdersElsewhere(bucket, key);
    return located(bucket, key, holders.isEmpty()
        ? cluster.get().relay().stat(bucket, key)
        : cluster.get().relay().stat(bucket, key, asked(holders.get())), versions.of(bucket, key));
  }

  /**
   * After a local miss: the holders of the key's current version to ask, from the catalog; empty
   * when every storing server is to be asked (no catalog, or it cannot be reached). A key the
   * catalog does not have (or has as expired) is not found, authoritatively.
   */
  private Optional<java.util.Set<String>> holdersElsewhere(String bucket, String key) throws ObjectOperationException {
    if (catalog.isEmpty()) {
      return Optional.empty();
    }
    Optional<CatalogEntry> entry;
    try {
      entry = catalog.get().catalog().find(bucket, key);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
    if (entry.isEmpty() || entry.get().isExpiredAt(clock.instant())) {
      versions.forget(bucket, key);
      throw StorageFailures.notFound(bucket, key);
    }
    versions.forget(bucket, key);
    versions.learn(bucket, key, entry.get().version());
    java.util.Set<String> holders = entry.get().holders();
    if (holders.contains(ObjectCatalog.SHARED)) {
      return Optional.empty(); // a new file of the shared location may not be visible on this mount yet
    }
    java.util.Set<String> elsewhere = new java.util.HashSet<>(holders);
    elsewhere.remove(catalog.get().holder());
    if (elsewhere.isEmpty()) {
      throw StorageFailures.notFound(bucket, key);
    }
    return Optional.of(elsewhere);
  }

  private static java.util.function.Predicate<String> asked(java.util.Set<String> holders) {
    return holders::contains;
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
    if (catalog.isPresent()) {
      if (relayed) {
        changes.get().dropCopy(bucket, key);
      } else {
        changes.get().delete(bucket, key);
      }
      return;
    }
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
    if (!relayed && catalog.isPresent()) {
      local.checkListing(bucket, limit);
      try {
        CatalogPage page = catalog.get().catalog().list(bucket, prefix == null ? "" : prefix, after, limit,
            clock.instant());
        java.util.List<ObjectMetadata> items = new java.util.ArrayList<>(page.items().size());
        for (CatalogEntry entry : page.items()) {
          versions.learn(bucket, entry.metadata().key(), entry.version());
          items.add(entry.metadata());
        }
        return new ObjectListing(items, page.next());
      } catch (RuntimeException e) {
        // the catalog cannot be reached: every storing server is asked, as without a catalog
      }
    }
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

  /**
   * The catalog version of a key as far as this server knows without asking the database (from its
   * writes, its misses and its listings); 0 when it does not know.
   */
  public long knownVersion(String bucket, String key) {
    return versions.of(bucket, key);
  }

  private <T> Located<T> located(String bucket, String key, RelayOutcome<T> outcome) throws ObjectOperationException {
    return located(bucket, key, outcome, 0);
  }

  private <T> Located<T> located(String bucket, String key, RelayOutcome<T> outcome, long version)
      throws ObjectOperationException {
    if (outcome instanceof RelayOutcome.Found<T> found) {
      return new Located<>(found.value(), Optional.of(found.source()), version);
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
