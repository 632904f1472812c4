package dev.cvos.domain.object;

import dev.cvos.domain.catalog.ObjectCatalog;
import java.util.Objects;

/**
 * The catalog side of a storing server.
 *
 * @param catalog the cluster's object catalog
 * @param holder the name this server's store has in the catalog: its server id, or {@link
 *     ObjectCatalog#SHARED} when it stores on the shared location
 * @param locks the per-key locks of this server
 */
public record Catalogued(ObjectCatalog catalog, String holder, KeyLocks locks) {
  public Catalogued {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(locks, "locks");
  }

  /** Whether {@code holders} includes this server's store. */
  boolean heldHere(java.util.Set<String> holders) {
    return holders.contains(holder);
  }
}
