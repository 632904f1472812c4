package dev.cvos.server.ops;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * The clock the operations tools hand to a store they write to: it tells the time of its base
 * clock, except inside {@link #pinned} on the calling thread, where it tells the creation time an
 * object had in its source. A store stamps a written object with {@code clock.instant()}, so a
 * restored or migrated object keeps its original creation time, which is what "newer than the
 * backup's copy" is judged by.
 */
public final class CreationClock extends Clock {
  private final Clock base;
  private final ThreadLocal<Instant> pinned = new ThreadLocal<>();

  public CreationClock(Clock base) {
    this.base = Objects.requireNonNull(base, "base");
  }

  /** Work that writes one object. */
  @FunctionalInterface
  public interface Write<T, E extends Exception> {
    T run() throws E;
  }

  /** Runs {@code write} with this thread's time pinned to {@code created}. */
  public <T, E extends Exception> T pinned(Instant created, Write<T, E> write) throws E {
    Objects.requireNonNull(created, "created");
    pinned.set(created);
    try {
      return write.run();
    } finally {
      pinned.remove();
    }
  }

  @Override
  public Instant instant() {
    Instant instant = pinned.get();
    return instant != null ? instant : base.instant();
  }

  @Override
  public ZoneId getZone() {
    return base.getZone();
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return base.withZone(zone);
  }
}
