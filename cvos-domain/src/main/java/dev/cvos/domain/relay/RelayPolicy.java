package dev.cvos.domain.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * How a relay asks its peers.
 *
 * @param timeout the longest a relay waits for its peers; every peer call gets this deadline
 * @param margin the extra time the relay waits for the calls to report their own timeout before it
 *     gives up on them; a relay never takes longer than {@code timeout + margin}, however slow a
 *     peer is
 * @param maxConcurrent at most this many peers are asked at once by one relay; at least 1
 * @param headStart how long the hinted server is asked alone before the other healthy peers are
 *     asked, and how long the healthy peers are asked before the de-prioritized and offline ones
 *     (a group that has answered in full releases the next one at once); zero asks all at once
 */
public record RelayPolicy(Duration timeout, Duration margin, int maxConcurrent, Duration headStart) {
  /** 5 s timeout, 250 ms margin, 8 peers at once, 100 ms head start. */
  public static final RelayPolicy DEFAULT =
      new RelayPolicy(Duration.ofSeconds(5), Duration.ofMillis(250), 8, Duration.ofMillis(100));

  public RelayPolicy {
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(margin, "margin");
    Objects.requireNonNull(headStart, "headStart");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    if (margin.isNegative()) {
      throw new IllegalArgumentException("margin must not be negative: " + margin);
    }
    if (headStart.isNegative()) {
      throw new IllegalArgumentException("headStart must not be negative: " + headStart);
    }
    if (maxConcurrent < 1) {
      throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
    }
  }
}
