package dev.cvos.domain.relay;

import java.util.Objects;

/**
 * What one peer answered to one {@link PeerGateway} call. A gateway never throws for a network or
 * peer failure: every outcome is one of these.
 *
 * @param <T> what a hit carries: a {@link dev.cvos.storage.spi.StoredObject} for a get, an {@link
 *     dev.cvos.storage.spi.ObjectMetadata} for a stat, an {@link dev.cvos.storage.spi.ObjectListing}
 *     for a list, a {@link Deleted} for a delete
 */
public sealed interface PeerAnswer<T>
    permits PeerAnswer.Found, PeerAnswer.NotFound, PeerAnswer.Unavailable,
        PeerAnswer.RangeNotSatisfiable {

  /**
   * The peer has the object (for a list: answered the page).
   *
   * @param value what it answered; a body in it streams from the peer and must be closed
   * @param servedBy the id of the server that answered (its {@code X-Cvos-Server})
   */
  record Found<T>(T value, String servedBy) implements PeerAnswer<T> {
    public Found {
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(servedBy, "servedBy");
    }
  }

  /** The peer answered that it does not have the object. */
  record NotFound<T>() implements PeerAnswer<T> {}

  /**
   * The peer did not answer usefully in time; the object may exist there.
   *
   * @param cause what went wrong, for metrics and ranking
   * @param reason a human explanation for the log, naming the peer
   */
  record Unavailable<T>(Cause cause, String reason) implements PeerAnswer<T> {
    public Unavailable {
      Objects.requireNonNull(cause, "cause");
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * Only from {@link PeerGateway#get}: the peer has the object, but no byte of it is in the range.
   *
   * @param size the object's size
   */
  record RangeNotSatisfiable<T>(long size) implements PeerAnswer<T> {}

  /** Why a peer is unavailable. */
  enum Cause {
    /** No answer before the deadline. */
    TIMEOUT,
    /** The connection could not be made or was lost (refused, reset, TLS handshake failed). */
    CONNECTION,
    /** The peer answered 5xx (it is up but cannot serve now). */
    SERVER_ERROR,
    /** The peer refused us (401/403): a configuration error, the cluster keys differ. */
    REJECTED,
    /** The peer answered something that is not the CVOS protocol. */
    PROTOCOL,
    /** The call was cancelled or the caller was interrupted. */
    CANCELLED
  }
}
