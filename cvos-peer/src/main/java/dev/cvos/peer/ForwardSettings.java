package dev.cvos.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * How client requests are forwarded to storing servers.
 *
 * @param connectTimeout the longest a TCP + TLS connect may take
 * @param acceptTimeout the longest a storing server may take to accept a forwarded request: to
 *     answer a request without a body, or to ask for the body ({@code 100 Continue}) of one with a
 *     body; past it, the next storing server is tried
 * @param bodyIdleTimeout the longest a body may stall while it streams, either way
 * @param maxConnectionsPerServer pooled connections kept to one storing server at most
 */
public record ForwardSettings(
    Duration connectTimeout, Duration acceptTimeout, Duration bodyIdleTimeout, int maxConnectionsPerServer) {

  public ForwardSettings {
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(acceptTimeout, "acceptTimeout");
    Objects.requireNonNull(bodyIdleTimeout, "bodyIdleTimeout");
    for (Duration d : new Duration[] {connectTimeout, acceptTimeout, bodyIdleTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("forwarding timeouts must be positive: " + d);
      }
    }
    if (maxConnectionsPerServer < 1) {
      throw new IllegalArgumentException("maxConnectionsPerServer must be at least 1: " + maxConnectionsPerServer);
    }
  }
}
