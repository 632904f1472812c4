package dev.cvos.server.config;

import dev.cvos.domain.relay.RelayPolicy;
import java.time.Duration;

/**
 * How a miss is relayed to the other storing servers: {@code relay.*}.
 *
 * <ul>
 *   <li>{@code relay.timeout} (5s): the longest a relay waits for its peers.
 *   <li>{@code relay.margin} (250ms): the extra time given to calls to report their own timeout; no
 *       request waits longer than timeout + margin because of a slow peer.
 *   <li>{@code relay.max-concurrent} (8): peers asked at once by one relay.
 *   <li>{@code relay.head-start} (100ms): how long the hinted server is asked alone first.
 *   <li>{@code relay.max-threads} (256): relayed HEAD, DELETE and listing calls in flight on this
 *       server at once; beyond it a relay answers 503 rather than queue. A relayed GET holds no such
 *       thread: it waits on the peer transport ({@code peer.max-connections} per peer, then Jetty's
 *       queue of 1024 requests per peer, beyond which it is 503 too).
 * </ul>
 */
public final class RelayConfig {
  private final RelayPolicy policy;
  private final int maxThreads;

  public RelayConfig(ConfigValues values) {
    Duration timeout = values.duration("relay.timeout", Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(5));
    Duration margin = values.duration("relay.margin", Duration.ofMillis(250), Duration.ZERO, Duration.ofMinutes(1));
    int maxConcurrent = values.integer("relay.max-concurrent", 8, 1, 256);
    Duration headStart = values.duration("relay.head-start", Duration.ofMillis(100), Duration.ZERO, Duration.ofMinutes(1));
    this.maxThreads = values.integer("relay.max-threads", 256, 4, 4096);
    if (headStart.compareTo(timeout) >= 0) {
      values.error("relay.head-start", "is " + headStart + "; make it shorter than relay.timeout (" + timeout
          + ") so the other servers are asked before the relay gives up");
    }
    this.policy = new RelayPolicy(timeout, margin, maxConcurrent, headStart.compareTo(timeout) >= 0 ? Duration.ZERO : headStart);
  }

  public RelayPolicy policy() {
    return policy;
  }

  public int maxThreads() {
    return maxThreads;
  }
}
