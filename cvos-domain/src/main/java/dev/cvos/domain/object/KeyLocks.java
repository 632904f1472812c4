package dev.cvos.domain.object;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks per key on this server: a write holds its key's lock from storing the bytes to
 * committing the catalog row, and dropping a superseded or deleted copy takes the same lock, so a
 * copy whose row is being committed is never taken for a stale one. Two keys may share a stripe;
 * that only serialises them.
 */
public final class KeyLocks {
  private static final int STRIPES = 1024;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  public KeyLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Locks the key's stripe; the caller unlocks the returned lock in a {@code finally}. */
  public ReentrantLock lock(String bucket, String key) {
    int hash = 31 * bucket.hashCode() + key.hashCode();
    ReentrantLock lock = locks[Math.floorMod(hash ^ (hash >>> 16), STRIPES)];
    lock.lock();
    return lock;
  }
}
