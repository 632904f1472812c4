package dev.cvos.domain.catalog;

import java.util.Objects;

/**
 * What removing a key from the catalog did.
 *
 * @param removed the entry that was current (its holders still have copies to drop)
 * @param version the tombstone's version: greater than every version the key had
 */
public record CatalogDeletion(CatalogEntry removed, long version) {
  public CatalogDeletion {
    Objects.requireNonNull(removed, "removed");
  }
}
