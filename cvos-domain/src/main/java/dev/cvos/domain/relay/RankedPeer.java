package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import java.util.Objects;

/**
 * A server and its state as ranked now.
 *
 * @param server the server as the registry knows it
 * @param state its state
 */
public record RankedPeer(ServerRecord server, PeerState state) {
  public RankedPeer {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(state, "state");
  }

  /** The server's id. */
  public String id() {
    return server.id();
  }
}
