package dev.cvos.domain.object;

import dev.cvos.storage.spi.ObjectMetadata;
import java.util.Objects;

/**
 * The result of a successful write.
 *
 * @param metadata the stored object
 * @param created true when no object existed under the key before, false when one was replaced
 */
public record PutOutcome(ObjectMetadata metadata, boolean created) {
  public PutOutcome {
    Objects.requireNonNull(metadata, "metadata");
  }
}
