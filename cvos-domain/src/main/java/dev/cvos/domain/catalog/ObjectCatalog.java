package dev.cvos.domain.catalog;

import dev.cvos.storage.spi.ObjectMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The object catalog (docs/architecture.md, "The object catalog"): one row per live key with its
 * current version, drawn from the database (never from a clock), and the stores that hold it.
 *
 * <p>Every method may throw an unchecked exception when the database cannot be reached; the use
 * cases decide what that means (reads fall back to asking every storing server, writes fail).
 */
public interface ObjectCatalog {
  /** The holder name of the shared location: every storing server of a shared cluster reads it. */
  String SHARED = "shared";

  /** The current entry of a key, expired or not; empty when the key has none. */
  Optional<CatalogEntry> find(String bucket, String key);

  /**
   * Commits a write whose bytes are durable in {@code holder}'s store: the key's entry becomes this
   * object, with a new version and {@code holder} as its only holder. A create-only write commits
   * only when the key has no entry (or an expired one), so of racing creators exactly one wins,
   * cluster-wide; the others get {@link CatalogWrite#lost()}. When the write supersedes copies held
   * elsewhere, a record per key is added to the deletion log with the new version, in the same
   * transaction, so a holder that cannot be told now drops its copy when it returns.
   */
  CatalogWrite commitWrite(ObjectMetadata stored, String holder, boolean createOnly);

  /**
   * Removes a key's entry and records the deletion (a tombstone with a new version) in the
   * deletion log, in one transaction; empty when the key had no entry.
   */
  Optional<CatalogDeletion> delete(String bucket, String key, String deletedBy, Instant deletedAt);

  /**
   * Adds a holder of the key's current version, when the holder's copy is that version (same
   * SHA-256 and size). Used by reconcile and decommission.
   *
   * @return true when the holder now holds the current version
   */
  boolean addHolder(String bucket, String key, String sha256, long size, String holder);

  /**
   * Reconciles a page of a store's objects with the catalog: a key without an entry is catalogued
   * with a new version and {@code holder}; a copy of the current version gets {@code holder} added.
   *
   * @return the objects of the page whose copy is not the current version (to be removed)
   */
  List<ObjectMetadata> reconcile(List<ObjectMetadata> page, String holder);

  /** Removes a holder from a key's entry (its copy is gone); the entry stays, even with no holder. */
  void removeHolder(String bucket, String key, String holder);

  /**
   * A page of a bucket's live keys in UTF-8 byte order, from the catalog alone.
   *
   * @param now entries that expired at it are left out
   */
  CatalogPage list(String bucket, String prefix, String after, int limit, Instant now);

  /** The live entries of a holder after the given key, in (bucket, key) order, at most {@code limit}. */
  List<CatalogEntry> heldBy(String holder, String afterBucket, String afterKey, int limit);

  /**
   * Removes up to {@code limit} entries that expired at {@code now} (through the expiry index).
   *
   * @return how many were removed
   */
  int removeExpired(Instant now, int limit);

  /** How many live entries, and their total size in bytes. */
  CatalogTotals totals();
}
