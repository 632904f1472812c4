package dev.cvos.domain.object;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reconciles this server's store with the object catalog at start (files ⇄ rows), so an upgrade, a
 * restore or a copied folder just works: a key the catalog does not have is catalogued with this
 * store as its holder; a copy of the key's current version makes this store one more holder; a copy
 * of another version is stale (the catalog's version is the truth) and is removed. Runs after the
 * deletion log was applied, so a copy deleted while this server was away is gone before it could
 * be catalogued again.
 */
public final class CatalogReconcile {
  private static final int PAGE = 1000;

  private final ObjectStore store;
  private final Catalogued catalog;

  public CatalogReconcile(ObjectStore store, Catalogued catalog) {
    this.store = Objects.requireNonNull(store, "store");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
  }

  /**
   * What a reconcile did.
   *
   * @param seen the objects of this store
   * @param removed the stale copies removed
   */
  public record Result(long seen, long removed) {}

  /** Walks every object of the store once, a page per catalog transaction. */
  public Result run() throws IOException {
    long seen = 0;
    long removed = 0;
    for (String bucket : store.buckets()) {
      String after = null;
      do {
        ObjectListing page = store.list(bucket, new ListRequest("", after, PAGE));
        seen += page.items().size();
        for (ObjectMetadata stale : catalog.catalog().reconcile(page.items(), catalog.holder())) {
          removed += removeIfUnchanged(stale) ? 1 : 0;
        }
        after = page.next();
      } while (after != null);
    }
    return new Result(seen, removed);
  }

  private boolean removeIfUnchanged(ObjectMetadata stale) throws IOException {
    ReentrantLock lock = catalog.locks().lock(stale.bucket(), stale.key());
    try {
      Optional<ObjectMetadata> now = store.stat(stale.bucket(), stale.key());
      if (now.isEmpty() || !now.get().sha256().equals(stale.sha256())) {
        return false;
      }
      return store.delete(stale.bucket(), stale.key());
    } finally {
      lock.unlock();
    }
  }
}
