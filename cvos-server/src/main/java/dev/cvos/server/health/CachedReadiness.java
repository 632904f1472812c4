package dev.cvos.server.health;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The last readiness answer, reused for a short time so that unauthenticated probes (load
 * balancers, or anyone) cannot make the server run database and store I/O per request. At most one
 * thread re-checks at a time; while it does, the others get the previous answer instead of waiting
 * on it (only the very first probe waits), so a stalled database holds at most one request thread.
 */
final class CachedReadiness<T> {
  private final long ttlNanos;
  private final ReentrantLock refreshing = new ReentrantLock();
  private volatile Entry<T> last;

  private record Entry<T>(T value, long checkedAt) {}

  CachedReadiness(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  /** The cached answer when fresh, else the answer of {@code check} (see the class comment). */
  T get(Supplier<T> check) {
    Entry<T> entry = last;
    if (entry != null && System.nanoTime() - entry.checkedAt() < ttlNanos) {
      return entry.value();
    }
    if (entry != null && !refreshing.tryLock()) {
      return entry.value();
    }
    if (entry == null) {
      refreshing.lock();
    }
    try {
      entry = last;
      if (entry == null || System.nanoTime() - entry.checkedAt() >= ttlNanos) {
        entry = new Entry<>(check.get(), System.nanoTime());
        last = entry;
      }
      return entry.value();
    } finally {
      refreshing.unlock();
    }
  }
}
