package dev.cvos.domain.relay;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a relayed GET or HEAD.
 *
 * @param <T> what a hit carries ({@link dev.cvos.storage.spi.StoredObject} or {@link
 *     dev.cvos.storage.spi.ObjectMetadata})
 */
public sealed interface RelayOutcome<T>
    permits RelayOutcome.Found, RelayOutcome.NotFound, RelayOutcome.Unavailable {

  /**
   * A peer has the object.
   *
   * @param value the object; a body streams from the peer and the caller must close it
   * @param source the id of the server that had it (the API's {@code X-Cvos-Source})
   */
  record Found<T>(T value, String source) implements RelayOutcome<T> {
    public Found {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(source, "source");
    }
  }

  /** Every storing peer that could hold the object answered that it does not (API: 404). */
  record NotFound<T>() implements RelayOutcome<T> {}

  /**
   * At least one storing peer that could hold the object did not answer in time, and none that
   * answered has it: the object may exist (API: 503 with {@code Retry-After}).
   *
   * @param peers the ids of the peers without an answer
   * @param reason what happened with each of them, for the log and the error message
   */
  record Unavailable<T>(List<String> peers, String reason) implements RelayOutcome<T> {
    public Unavailable {
      peers = List.copyOf(peers);
      Objects.requireNonNull(reason, "reason");
    }
  }
}
