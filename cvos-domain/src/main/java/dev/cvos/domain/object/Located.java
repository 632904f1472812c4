package dev.cvos.domain.object;

import java.util.Objects;
import java.util.Optional;

/**
 * What a read found, and where.
 *
 * @param value the object or its metadata
 * @param source the id of the peer that had it when it was relayed; empty when it came from this
 *     server's own storage
 * @param version the object catalog's version of it; 0 when not known (no catalog, or a local hit
 *     whose version this server has not learned)
 */
public record Located<T>(T value, Optional<String> source, long version) {
  public Located {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(source, "source");
  }

  /** Found without a known version. */
  public Located(T value, Optional<String> source) {
    this(value, source, 0);
  }

  static <T> Located<T> here(T value) {
    return new Located<>(value, Optional.empty());
  }
}
