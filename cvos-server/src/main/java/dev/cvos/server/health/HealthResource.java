package dev.cvos.server.health;

import com.google.inject.Inject;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.object.MissedDeletions;
import dev.cvos.server.cluster.ServerRegistration;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.persistence.Database;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreHealth;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health/live}: 200 while the process runs. {@code /health/ready}: 200 when the store is
 * healthy, the database answers (the registry is read) and this server is registered and
 * heartbeating; otherwise 503 with the reasons. Both are open (no API key), for load balancers.
 */
@Path("/health")
public final class HealthResource {
  private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

  private final ObjectStore store;
  private final ServerRegistry registry;
  private final Database database;
  private final ServerRegistration registration;
  private final MissedDeletions missedDeletions;
  private final String serverId;

  @Inject
  public HealthResource(ObjectStore store, Database database, ServerRegistry registry, ServerRegistration registration,
      MissedDeletions missedDeletions, ServerConfig server) {
    this.missedDeletions = missedDeletions;
    this.store = store;
    this.database = database;
    this.registry = registry;
    this.registration = registration;
    this.serverId = server.id();
  }

  @GET
  @Path("live")
  public Response live() {
    return Response.ok(Map.of("status", "live", "server", serverId), MediaType.APPLICATION_JSON_TYPE).build();
  }

  @GET
  @Path("ready")
  public Response ready() {
    Map<String, String> checks = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    StoreHealth storeHealth = store.health();
    checks.put("storage", storeHealth.detail());
    if (!storeHealth.healthy()) {
      problems.add("storage: " + storeHealth.detail());
    }
    String databaseProblem = database.check().orElse(null);
    checks.put("database", databaseProblem == null ? "answers" : databaseProblem);
    if (databaseProblem != null) {
      problems.add("database: " + databaseProblem);
    } else {
      try {
        registry.servers();
      } catch (RuntimeException e) {
        problems.add("registry: cannot be read: " + e.getMessage());
      }
    }
    String registrationProblem = registration.problem().orElse(null);
    checks.put("registry", registrationProblem == null ? "registered and heartbeating" : registrationProblem);
    if (registrationProblem != null) {
      problems.add("registry: " + registrationProblem);
    }
    String deletionsProblem = missedDeletions.problem().orElse(null);
    checks.put("deletions", deletionsProblem == null ? "applied" : deletionsProblem);
    if (deletionsProblem != null) {
      problems.add("deletions: " + deletionsProblem);
    }
    if (!problems.isEmpty()) {
      LOG.warn("not ready: {}", problems);
      return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
          .entity(ErrorBody.of(ErrorCode.UNAVAILABLE, "not ready: " + String.join("; ", problems))).build();
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ready");
    body.put("server", serverId);
    body.put("checks", checks);
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }
}
