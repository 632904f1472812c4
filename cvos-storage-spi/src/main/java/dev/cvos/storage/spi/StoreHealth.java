package dev.cvos.storage.spi;

import java.util.Objects;

/**
 * Whether a store is usable.
 *
 * @param healthy true when reads and writes can succeed
 * @param detail a short human text: what was checked, or why it failed
 */
public record StoreHealth(boolean healthy, String detail) {
  public StoreHealth {
    Objects.requireNonNull(detail, "detail");
  }

  /** A healthy store. */
  public static StoreHealth healthy(String detail) {
    return new StoreHealth(true, detail);
  }

  /** An unusable store, with the reason. */
  public static StoreHealth unhealthy(String reason) {
    return new StoreHealth(false, reason);
  }
}
