package dev.cvos.server.cluster;

import com.google.inject.Inject;
import dev.cvos.api.ClusterServer;
import dev.cvos.api.ClusterView;
import dev.cvos.api.CvosPaths;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.RankedPeer;
import dev.cvos.server.peer.ClusterPeers;
import dev.cvos.server.config.ServerConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v1/cluster}: this server's id and role, and every registered server with its state
 * as this server ranks it ({@code healthy}; {@code deprioritized} after a failed or timed-out
 * relay, for {@code peer.cooldown}; {@code offline} when not seen for {@code
 * registry.offline-after}), read from the registry now.
 */
@Path(CvosPaths.CLUSTER)
public final class ClusterResource {
  private final ClusterPeers peers;
  private final ServerConfig server;

  @Inject
  public ClusterResource(ClusterPeers peers, ServerConfig server) {
    this.peers = peers;
    this.server = server;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ClusterView cluster() {
    // Fresh lastSeen for the operator; the relay itself reads the list every registry.interval.
    peers.view().refresh();
    List<ClusterServer> servers = peers.ranking().clusterView().stream().map(ClusterResource::view).toList();
    return new ClusterView(server.id(), wireName(server.role()), servers);
  }

  private static ClusterServer view(RankedPeer ranked) {
    ServerRecord s = ranked.server();
    return new ClusterServer(s.id(), s.url().toString(), wireName(s.role()), wireName(s.storageMode()),
        ranked.state().apiName(), s.lastSeen());
  }

  static String wireName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
