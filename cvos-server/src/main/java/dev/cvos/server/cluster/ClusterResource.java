package dev.cvos.server.cluster;

import com.google.inject.Inject;
import dev.cvos.api.ClusterServer;
import dev.cvos.api.ClusterView;
import dev.cvos.api.CvosPaths;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.server.config.RegistryConfig;
import dev.cvos.server.config.ServerConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /v1/cluster}: this server's id and role, and every registered server with a state
 * judged from its last heartbeat ({@code healthy}, or {@code offline} when not seen for {@code
 * registry.offline-after}).
 */
@Path(CvosPaths.CLUSTER)
public final class ClusterResource {
  private final ServerRegistry registry;
  private final ServerConfig server;
  private final Duration offlineAfter;
  private final Clock clock;

  @Inject
  public ClusterResource(ServerRegistry registry, ServerConfig server, RegistryConfig config, Clock clock) {
    this.registry = registry;
    this.server = server;
    this.offlineAfter = config.offlineAfter();
    this.clock = clock;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public ClusterView cluster() {
    Instant now = clock.instant();
    List<ClusterServer> servers = registry.servers().stream().map(s -> view(s, now)).toList();
    return new ClusterView(server.id(), wireName(server.role()), servers);
  }

  private ClusterServer view(ServerRecord s, Instant now) {
    String state = s.lastSeen().plus(offlineAfter).isBefore(now) ? "offline" : "healthy";
    return new ClusterServer(s.id(), s.url().toString(), wireName(s.role()), wireName(s.storageMode()), state,
        s.lastSeen());
  }

  static String wireName(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
