package dev.cvos.domain.catalog;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What committing a write to the catalog did.
 *
 * @param version the version the write took; 0 when a create-only write lost (the key exists)
 * @param replaced the entry the write replaced (an overwrite, or an expired entry); empty when the
 *     key had none
 * @param supersededHolders the holders of the replaced version that do not hold the new one: their
 *     copies are older and must go (they are recorded in the deletion log with the new version)
 */
public record CatalogWrite(long version, Optional<CatalogEntry> replaced, Set<String> supersededHolders) {
  public CatalogWrite {
    Objects.requireNonNull(replaced, "replaced");
    supersededHolders = Set.copyOf(Objects.requireNonNull(supersededHolders, "supersededHolders"));
  }

  /** Whether a create-only write found the key taken and wrote nothing. */
  public boolean lost() {
    return version == 0;
  }

  /** The answer to a create-only write that found the key taken. */
  public static CatalogWrite conflict(CatalogEntry existing) {
    return new CatalogWrite(0, Optional.of(existing), Set.of());
  }
}
