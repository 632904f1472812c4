package dev.cvos.domain.object;

import dev.cvos.domain.catalog.CatalogDeletion;
import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.domain.catalog.CatalogWrite;
import dev.cvos.domain.catalog.ObjectCatalog;
import dev.cvos.storage.spi.ObjectMetadata;
import java.io.InputStream;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The changes of {@link ClusterObjects} with the object catalog (docs/architecture.md, "The object
 * catalog"): writes, a client's DELETE, and a relayed DELETE (dropping a copy a change elsewhere
 * superseded).
 */
final class CatalogChanges {
  private final ObjectService local;
  private final Catalogued c;
  private final Optional<ClusterObjects.Cluster> cluster;
  private final Clock clock;
  private final KnownVersions versions;

  CatalogChanges(ObjectService local, Catalogued catalogued, Optional<ClusterObjects.Cluster> cluster, Clock clock,
      KnownVersions versions) {
    this.local = local;
    this.c = catalogued;
    this.cluster = cluster;
    this.clock = clock;
    this.versions = versions;
  }

  /**
   * A write with the catalog: the bytes are stored (durable) under the key's lock, then the row
   * commits with a new version; a create-only write that finds the key taken in the catalog loses
   * and its bytes are removed. Copies of older versions elsewhere are told at once to go (and are
   * recorded in the deletion log for those that cannot be told).
   */
  PutOutcome put(String bucket, String key, ObjectWrite write, InputStream body, boolean askFirst) throws ObjectOperationException {
    if (askFirst) {
      Optional<CatalogEntry> existing = catalogRead(() -> c.catalog().find(bucket, key), bucket, key);
      if (existing.isPresent() && !existing.get().isExpiredAt(clock.instant())) {
        throw alreadyExists(bucket, key, existing.get());
      }
    }
    CatalogWrite committed;
    PutOutcome stored;
    ReentrantLock lock = c.locks().lock(bucket, key);
    try {
      stored = local.put(bucket, key, write, body);
      try {
        committed = c.catalog().commitWrite(stored.metadata(), c.holder(), write.createOnly());
      } catch (RuntimeException e) {
        if (write.createOnly()) {
          local.deleteIfPresent(bucket, key);
        }
        throw new ObjectOperationException(ObjectErrorCode.UNAVAILABLE, "object " + key + " in bucket " + bucket
            + " was not written: the object catalog could not be reached (" + e.getMessage() + ")", e);
      }
      if (committed.lost()) {
        local.deleteIfPresent(bucket, key);
        throw alreadyExists(bucket, key, committed.replaced().orElseThrow());
      }
    } finally {
      lock.unlock();
    }
    versions.learn(bucket, key, committed.version());
    supersede(bucket, key, committed.supersededHolders());
    boolean created = committed.replaced().isEmpty()
        || committed.replaced().get().isExpiredAt(stored.metadata().created());
    return new PutOutcome(stored.metadata(), created, committed.version());
  }

  /** Tells the holders of older copies to drop them; those not reached apply the deletion log. */
  private void supersede(String bucket, String key, java.util.Set<String> holders) {
    if (!holders.isEmpty() && cluster.isPresent()) {
      cluster.get().relay().delete(bucket, key, holders::contains);
    }
  }

  private static ObjectOperationException alreadyExists(String bucket, String key, CatalogEntry entry) {
    return new ObjectOperationException(ObjectErrorCode.ALREADY_EXISTS, "an object " + key + " exists in bucket "
        + bucket + " (version " + entry.version() + ")");
  }

  /** A catalog read that must succeed (a write's check): unreachable is {@code UNAVAILABLE}. */
  private static <T> T catalogRead(java.util.function.Supplier<T> read, String bucket, String key)
      throws ObjectOperationException {
    try {
      return read.get();
    } catch (RuntimeException e) {
      throw new ObjectOperationException(ObjectErrorCode.UNAVAILABLE, "object " + key + " in bucket " + bucket
          + ": the object catalog could not be reached (" + e.getMessage() + ")", e);
    }
  }

  /**
   * A client's DELETE with the catalog: the entry goes (a tombstone with a new version is recorded
   * in the deletion log in the same transaction), then this server's copy, then the other holders
   * are told at once; a holder not reached applies the tombstone when it returns.
   */
  void delete(String bucket, String key) throws ObjectOperationException {
    Optional<CatalogDeletion> deletion = catalogRead(
        () -> c.catalog().delete(bucket, key, selfId(), clock.instant()), bucket, key);
    boolean deletedHere;
    versions.forget(bucket, key);
    ReentrantLock lock = c.locks().lock(bucket, key);
    try {
      deletedHere = local.deleteIfPresent(bucket, key);
    } finally {
      lock.unlock();
    }
    if (deletion.isEmpty()) {
      if (!deletedHere) {
        throw StorageFailures.notFound(bucket, key);
      }
      return;
    }
    java.util.Set<String> holders = deletion.get().removed().holders();
    java.util.Set<String> elsewhere = new java.util.HashSet<>(holders);
    elsewhere.remove(c.holder());
    if (cluster.isPresent() && holders.contains(ObjectCatalog.SHARED)) {
      // the shared location: a server whose mount lags may see a file this one does not yet
      cluster.get().relay().delete(bucket, key);
    } else if (!elsewhere.isEmpty() && cluster.isPresent()) {
      cluster.get().relay().delete(bucket, key, elsewhere::contains);
    }
    if (deletion.get().removed().isExpiredAt(clock.instant())) {
      throw StorageFailures.notFound(bucket, key);
    }
  }

  /**
   * A relayed DELETE (a deletion or an overwrite taken elsewhere): drops this server's copy unless
   * the catalog says it is the current version held here (a newer write landed here meanwhile). When
   * the catalog cannot be reached the copy is dropped, as a relayed DELETE always did.
   */
  void dropCopy(String bucket, String key) throws ObjectOperationException {
    ReentrantLock lock = c.locks().lock(bucket, key);
    try {
      ObjectMetadata here = local.metadata(bucket, key);
      Optional<CatalogEntry> entry;
      try {
        entry = c.catalog().find(bucket, key);
      } catch (RuntimeException e) {
        entry = Optional.empty();
      }
      if (entry.isPresent() && c.heldHere(entry.get().holders())
          && entry.get().metadata().sha256().equals(here.sha256())) {
        throw StorageFailures.notFound(bucket, key); // this copy is the current version: it stays
      }
      versions.forget(bucket, key);
      local.delete(bucket, key);
    } finally {
      lock.unlock();
    }
  }

  private String selfId() {
    return cluster.map(ClusterObjects.Cluster::selfId).orElse(c.holder());
  }

}
