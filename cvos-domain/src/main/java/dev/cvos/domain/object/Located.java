package dev.cvos.domain.object;

import java.util.Objects;
import java.util.Optional;

/**
 * What a read found, and where.
 *
 * @param value the object or its metadata
 * @param source the id of the peer that had it when it was relayed; empty when it came from this
 *     server's own storage
 */
public record Located<T>(T value, Optional<String> source) {
  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  static <T> Located<T> here(T value) {
    return new Located<>(value, Optional.empty());
  }
}
