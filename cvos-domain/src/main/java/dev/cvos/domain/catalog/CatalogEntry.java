package dev.cvos.domain.catalog;

import dev.cvos.storage.spi.ObjectMetadata;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * The current version of one key, as the catalog has it.
 *
 * @param metadata the object's metadata (names, size, SHA-256, content type, created, expires)
 * @param version the version the catalog gave the write; a later change of the key has a greater one
 * @param holders the stores that hold this version: server ids, or {@link ObjectCatalog#SHARED}
 */
public record CatalogEntry(ObjectMetadata metadata, long version, Set<String> holders) {
  public CatalogEntry {
    Objects.requireNonNull(metadata, "metadata");
    holders = Set.copyOf(Objects.requireNonNull(holders, "holders"));
    if (version < 1) {
      throw new IllegalArgumentException("version is " + version + "; versions start at 1");
    }
  }

  /** Whether the entry's object has expired at {@code now} (an expired object does not exist). */
  public boolean isExpiredAt(Instant now) {
    return metadata.isExpiredAt(now);
  }
}
