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
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /health/live}: 200 while the process runs. {@code /health/ready}: 200 when the store is
 * healthy, the database answers (the registry is read) and this server is registered and
 * heartbeating; otherwise 503 with the reasons. Both are open (no API key), for load balancers;
 * readiness gives its details (storage path, database URL, errors) only to a caller with a key.
 */
@Path("/health")
public final class HealthResource {
  /**
   * The request property a filter sets to {@code true} when the request carries a valid API key:
   * readiness then gives its details.
   */
  public static final String DETAILS_ALLOWED = "cvos.health.details-allowed";
  /** How long an anonymous readiness answer is reused. */
  static final Duration CACHE_TTL = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);

  private final ObjectStore store;
  private final ServerRegistry registry;
  private final Database database;
  private final ServerRegistration registration;
  private final MissedDeletions missedDeletions;
  private final String serverId;
  private final CachedReadiness<Readiness> cache = new CachedReadiness<>(CACHE_TTL);

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

  /**
   * Readiness. Without a valid API key the answer is the cached one (at most {@link #CACHE_TTL}
   * old) and names the failing checks only: no storage path, database URL or error text, which an
   * anonymous caller has no use for. With a key (see {@link #DETAILS_ALLOWED}) the checks run now
   * and every detail is given.
   */
  @GET
  @Path("ready")
  public Response ready(@Context ContainerRequestContext request) {
    if (Boolean.TRUE.equals(request.getProperty(DETAILS_ALLOWED))) {
      return detailed(check());
    }
    return anonymous(cache.get(this::check));
  }

  private Readiness check() {
    Map<String, String> checks = new LinkedHashMap<>();
    Map<String, String> problems = new LinkedHashMap<>();
    StoreHealth storeHealth = store.health();
    checks.put("storage", storeHealth.detail());
    if (!storeHealth.healthy()) {
      problems.put("storage", storeHealth.detail());
    }
    String databaseProblem = database.check().orElse(null);
    checks.put("database", databaseProblem == null ? "answers at " + database.displayUrl() : databaseProblem);
    if (databaseProblem != null) {
      problems.put("database", databaseProblem);
    } else {
      try {
        registry.servers();
      } catch (RuntimeException e) {
        problems.put("registry", "cannot be read: " + e.getMessage());
      }
    }
    String registrationProblem = registration.problem().orElse(null);
    checks.put("registry", registrationProblem == null ? "registered and heartbeating" : registrationProblem);
    if (registrationProblem != null) {
      problems.merge("registry", registrationProblem, (a, b) -> a + "; " + b);
    }
    String deletionsProblem = missedDeletions.problem().orElse(null);
    checks.put("deletions", deletionsProblem == null ? "applied" : deletionsProblem);
    if (deletionsProblem != null) {
      problems.put("deletions", deletionsProblem);
    }
    if (!problems.isEmpty()) {
      LOG.warn("not ready: {}", problems);
    }
    return new Readiness(Map.copyOf(checks), Map.copyOf(problems));
  }

  private Response detailed(Readiness readiness) {
    if (!readiness.problems().isEmpty()) {
      List<String> problems = new ArrayList<>();
      readiness.problems().forEach((check, problem) -> problems.add(check + ": " + problem));
      return unavailable("not ready: " + String.join("; ", problems));
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", "ready");
    body.put("server", serverId);
    body.put("checks", new TreeMap<>(readiness.checks()));
    return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
  }

  private Response anonymous(Readiness readiness) {
    if (!readiness.problems().isEmpty()) {
      return unavailable("not ready: " + String.join(", ", new TreeSet<>(readiness.problems().keySet()))
          + " (details with an API key)");
    }
    return Response.ok(Map.of("status", "ready", "server", serverId), MediaType.APPLICATION_JSON_TYPE).build();
  }

  private static Response unavailable(String message) {
    return Response.status(503).type(MediaType.APPLICATION_JSON_TYPE).header("Retry-After", "5")
        .entity(ErrorBody.of(ErrorCode.UNAVAILABLE, message)).build();
  }

  /** The checks' results and the problems among them, by check name. */
  private record Readiness(Map<String, String> checks, Map<String, String> problems) {}
}
