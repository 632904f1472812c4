package dev.cvos.server.proxy;

import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.peer.ForwardRequest;
import dev.cvos.peer.Forwarded;
import dev.cvos.server.config.ProxyConfig;
import dev.cvos.server.config.ServerConfig;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where object requests are forwarded instead of served here, before Jersey matches a resource
 * and after the client's API key was checked ({@code ApiKeyFilter} runs first, at the
 * authentication priority):
 *
 * <ul>
 *   <li>on a simple secondary, every request under {@code /v1/objects}: it stores nothing;
 *   <li>on a balancing server ({@code balance.posts}), the POSTs that {@link PostPlacement} gives
 *       to another storing server. If that server cannot take it before the body was sent, the
 *       request goes on to the local resource and is stored here.
 * </ul>
 *
 * <p>A forwarded POST carries {@code X-Cvos-Balanced: <this server>}; a POST carrying it is
 * stored where it arrives, so two balancing servers never pass a POST back and forth. A filter
 * rather than a resource, so the resources stay the ones of a storing server and nothing matches
 * twice; the forwarding itself is {@link ObjectForwarding}.
 */
@PreMatching
@Priority(Priorities.AUTHORIZATION)
public final class ForwardingFilter implements ContainerRequestFilter {
  /** Marks a POST a balancing server placed here: store it, never balance it again. */
  public static final String BALANCED = "X-Cvos-Balanced";
  private static final String OBJECTS = "v1/objects";
  private static final String RETRY_AFTER_SECONDS = "5";

  private final ObjectForwarding forwarding;
  private final PostPlacement placement;
  private final String serverId;
  private final boolean proxyMode;
  private final boolean balancePosts;

  @Inject
  public ForwardingFilter(ObjectForwarding forwarding, PostPlacement placement, ServerConfig server,
      ProxyConfig config) {
    this.forwarding = forwarding;
    this.placement = placement;
    this.serverId = server.id();
    this.proxyMode = !server.role().stores();
    this.balancePosts = config.balancePosts();
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = relativePath(request);
    if (!path.equals(OBJECTS) && !path.startsWith(OBJECTS + "/")) {
      return;
    }
    try {
      if (proxyMode) {
        Forwarded answer = forwarding.toStoringServer(forwardRequest(request, false));
        request.abortWith(ForwardedResponses.of(answer, request.getMethod(), request.getUriInfo().getBaseUri()));
      } else if (balancePosts && isBalanceable(request, path)) {
        Optional<ServerRecord> target = placement.next();
        if (target.isPresent()) {
          Optional<Forwarded> answer = forwarding.toPeer(target.get(), forwardRequest(request, true));
          answer.ifPresent(a -> request.abortWith(
              ForwardedResponses.of(a, request.getMethod(), request.getUriInfo().getBaseUri())));
        }
      }
    } catch (NoStoringServerException e) {
      request.abortWith(error(503, ErrorCode.UNAVAILABLE, e.getMessage()));
    } catch (InvalidForwardException e) {
      request.abortWith(error(400, ErrorCode.INVALID_REQUEST, e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      request.abortWith(error(503, ErrorCode.UNAVAILABLE, "the server is stopping"));
    }
  }

  /** The contract's JSON error; a 503 says when to retry. */
  private static Response error(int status, ErrorCode code, String message) {
    Response.ResponseBuilder response = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE)
        .entity(ErrorBody.of(code, message));
    if (status == 503) {
      response.header("Retry-After", RETRY_AFTER_SECONDS);
    }
    return response.build();
  }

  /** A POST of a new object to a bucket, from a client (not relayed, not already placed). */
  private static boolean isBalanceable(ContainerRequestContext request, String path) {
    return request.getMethod().equals(HttpMethod.POST)
        && path.indexOf('/', OBJECTS.length() + 1) < 0
        && path.length() > OBJECTS.length() + 1
        && request.getHeaderString(CvosHeaders.RELAYED) == null
        && request.getHeaderString(BALANCED) == null;
  }

  private ForwardRequest forwardRequest(ContainerRequestContext request, boolean balanced)
      throws InvalidForwardException {
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    request.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
    if (balanced) {
      headers.add(Map.entry(BALANCED, serverId));
    }
    String rawPath = request.getUriInfo().getRequestUri().getRawPath();
    String query = request.getUriInfo().getRequestUri().getRawQuery();
    boolean hasBody = request.hasEntity() || request.getHeaderString("Transfer-Encoding") != null;
    return new ForwardRequest(request.getMethod(), rawPath + (query == null ? "" : "?" + query), headers,
        hasBody ? request.getEntityStream() : null, hasBody ? contentLength(request) : -1);
  }

  private static long contentLength(ContainerRequestContext request) throws InvalidForwardException {
    String value = request.getHeaderString("Content-Length");
    if (value == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(value.trim());
      if (length < 0) {
        throw new InvalidForwardException("Content-Length is negative");
      }
      return length;
    } catch (NumberFormatException e) {
      throw new InvalidForwardException("Content-Length is not a number: '" + value + "'");
    }
  }

  /** A request that cannot be forwarded as it is. */
  private static final class InvalidForwardException extends Exception {
    private static final long serialVersionUID = 1L;

    InvalidForwardException(String message) {
      super(message);
    }
  }

  private static String relativePath(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getRawPath();
    String base = request.getUriInfo().getBaseUri().getRawPath();
    String relative = path.startsWith(base) ? path.substring(base.length()) : path;
    return relative.startsWith("/") ? relative.substring(1) : relative;
  }
}
