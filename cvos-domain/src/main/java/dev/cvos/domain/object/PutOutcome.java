package dev.cvos.domain.object;

import dev.cvos.storage.spi.ObjectMetadata;
import java.util.Objects;

/**
 * The result of a successful write.
 *
 * @param metadata the stored object
 * @param created true when no object existed under the key before, false when one was replaced
 * @param version the catalog version the write took; 0 when written without a catalog
 */
public record PutOutcome(ObjectMetadata metadata, boolean created, long version) {
  public PutOutcome {
    Objects.requireNonNull(metadata, "metadata");
  }

  /** A write without a catalog version. */
  public PutOutcome(ObjectMetadata metadata, boolean created) {
    this(metadata, created, 0);
  }
}
