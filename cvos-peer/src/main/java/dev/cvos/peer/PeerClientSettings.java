package dev.cvos.peer;

import java.time.Duration;
import java.util.Objects;

/**
 * How this server reaches its peers (whom it trusts is {@link PeerTrust}).
 *
 * @param peerKey the cluster secret every server sends as {@code Authorization: Bearer <key>} on
 *     relayed requests (secret)
 * @param connectTimeout the longest a TCP + TLS connect may take (a call's own deadline may cut it
 *     shorter)
 * @param bodyIdleTimeout the longest a relayed body may stall while it streams
 * @param maxConnectionsPerPeer pooled connections kept to one peer at most
 */
public record PeerClientSettings(
    String peerKey,
    Duration connectTimeout,
    Duration bodyIdleTimeout,
    int maxConnectionsPerPeer) {

  public PeerClientSettings {
    Objects.requireNonNull(peerKey, "peerKey");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(bodyIdleTimeout, "bodyIdleTimeout");
    if (peerKey.isBlank()) {
      throw new IllegalArgumentException("peerKey must not be blank");
    }
    if (!positive(connectTimeout)) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    if (!positive(bodyIdleTimeout)) {
      throw new IllegalArgumentException("bodyIdleTimeout must be positive: " + bodyIdleTimeout);
    }
    if (maxConnectionsPerPeer < 1) {
      throw new IllegalArgumentException(
          "maxConnectionsPerPeer must be at least 1: " + maxConnectionsPerPeer);
    }
  }

  private static boolean positive(Duration duration) {
    return !duration.isNegative() && !duration.isZero();
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "PeerClientSettings[peerKey=***"
        + ", connectTimeout=" + connectTimeout + ", bodyIdleTimeout=" + bodyIdleTimeout
        + ", maxConnectionsPerPeer=" + maxConnectionsPerPeer + "]";
  }
}
