package dev.cvos.domain.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * The moment a call must have been answered by, on the monotonic clock ({@link System#nanoTime()}),
 * because a deadline measures elapsed time and must not move when the wall clock is set. Wall-clock
 * time (cool-downs, registry freshness) comes from an injected {@link java.time.Clock}.
 */
public final class Deadline {
  private final long deadlineNanos;

  private Deadline(long deadlineNanos) {
    this.deadlineNanos = deadlineNanos;
  }

  /** A deadline {@code timeout} from now. */
  public static Deadline after(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    return new Deadline(System.nanoTime() + timeout.toNanos());
  }

  /** The time left, never negative. */
  public Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /** Whether the deadline has passed. */
  public boolean isExpired() {
    return deadlineNanos - System.nanoTime() <= 0;
  }

  /** A deadline {@code extra} later than this one. */
  public Deadline plus(Duration extra) {
    return new Deadline(deadlineNanos + extra.toNanos());
  }

  @Override
  public String toString() {
    return "Deadline[remaining=" + remaining().toMillis() + "ms]";
  }
}
