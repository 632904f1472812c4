package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.server.config.AuthConfig;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.health.HealthResource;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import java.util.Optional;
import java.util.Set;

/**
 * Client authentication: every path but {@code /health/live}, {@code /health/ready}, {@code
 * /metrics} and the API's description ({@code /openapi.json}, {@code /openapi.yaml}) needs {@code
 * Authorization: Bearer <api key>} (401 otherwise), unless the server runs in development mode.
 * Keys are compared in constant time by {@link ApiKeys}. A request with the relayed-request marker
 * {@code X-Cvos-Relayed} must carry the cluster's peer key ({@code peer.key}) instead of an API
 * key; without it (or on a server without a peer key) it is refused with 403, so a client cannot
 * make a server answer from its own storage only.
 *
 * <p>A refusal is answered at once with {@code Connection: close}, without reading the body (see
 * {@link RefusedBodies}): a client without a key cannot hold a request thread by trickling one.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class ApiKeyFilter implements ContainerRequestFilter {
  private static final Set<String> OPEN_PATHS = Set.of("health/live", "health/ready", "metrics", "openapi.json",
      "openapi.yaml");

  private final ApiKeys keys;

  @Inject
  public ApiKeyFilter(AuthConfig auth, PeerConfig peer) {
    this(new ApiKeys(auth, peer));
  }

  ApiKeyFilter(ApiKeys keys) {
    this.keys = keys;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath(false);
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (OPEN_PATHS.contains(path)) {
      if (path.equals("health/ready") && keys.clientAllowed(request.getHeaderString("Authorization"))) {
        request.setProperty(HealthResource.DETAILS_ALLOWED, Boolean.TRUE);
      }
      return;
    }
    boolean relayed = request.getHeaderString(CvosHeaders.RELAYED) != null;
    Optional<ApiException> refusal = keys.refusal(request.getHeaderString("Authorization"), relayed);
    if (refusal.isPresent()) {
      throw refusal.get();
    }
  }
}
