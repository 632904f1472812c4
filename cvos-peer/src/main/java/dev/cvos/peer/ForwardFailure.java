package dev.cvos.peer;

import dev.cvos.domain.relay.PeerAnswer.Cause;
import java.util.Objects;

/**
 * A forwarded request failed before the storing server answered.
 *
 * <p>{@link #retriable()} says whether another storing server may be tried: only when no byte of
 * the client's body was taken (a body cannot be replayed, and a half-sent write must never be
 * passed off as a complete one).
 */
public final class ForwardFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final Cause cause;
  private final boolean bodyStarted;

  public ForwardFailure(Cause cause, String message, boolean bodyStarted, Throwable failure) {
    super(message, failure);
    this.cause = Objects.requireNonNull(cause, "cause");
    this.bodyStarted = bodyStarted;
  }

  /** What kind of failure it was. */
  public Cause kind() {
    return cause;
  }

  /** Whether part of the client's body was already taken from the client. */
  public boolean bodyStarted() {
    return bodyStarted;
  }

  /** Whether the request may go to another storing server. */
  public boolean retriable() {
    return !bodyStarted && cause != Cause.CANCELLED;
  }
}
