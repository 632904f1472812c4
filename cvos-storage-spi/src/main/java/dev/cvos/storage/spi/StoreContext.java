package dev.cvos.storage.spi;

import java.time.Clock;

/**
 * What the server offers a store it builds. It grows only by default methods.
 */
public interface StoreContext {
  /** The clock to read time from: creation times and expiry checks use it, never the system. */
  Clock clock();

  /** The id of the server the store runs in, for log lines and temporary file names. */
  default String serverId() {
    return "cvos";
  }

  /** A context with the given clock and server id. */
  static StoreContext of(Clock clock, String serverId) {
    java.util.Objects.requireNonNull(clock, "clock");
    java.util.Objects.requireNonNull(serverId, "serverId");
    return new StoreContext() {
      @Override
      public Clock clock() {
        return clock;
      }

      @Override
      public String serverId() {
        return serverId;
      }
    };
  }
}
