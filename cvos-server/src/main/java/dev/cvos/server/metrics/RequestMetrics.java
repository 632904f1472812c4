package dev.cvos.server.metrics;

import com.google.inject.Inject;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.monitoring.ApplicationEvent;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;
import org.glassfish.jersey.server.monitoring.RequestEvent;
import org.glassfish.jersey.server.monitoring.RequestEventListener;
import org.glassfish.jersey.uri.UriTemplate;

/**
 * Times every request Jersey answers, tagged by method, route template (such as {@code
 * /v1/objects/{bucket}/{key}}, never the concrete path) and status, with a latency histogram:
 * {@code cvos_http_requests_seconds}. Streamed bodies are included: Jersey finishes a request
 * after its entity is written.
 *
 * <p>The number of series is bounded whatever clients send: a method outside the HTTP methods the
 * API knows is counted as {@code other}, a request that matched no resource (refused before
 * matching, such as a 401, or an unknown path) under the route {@code unmatched}, and a status is
 * one the server chose.
 */
public final class RequestMetrics implements ApplicationEventListener {
  private static final Pattern PARAMETER_REGEX = Pattern.compile("\\{(\\w+)\\s*:[^}]*}");
  private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

  private static final int MAX_ROUTES = 256;
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH");
  static final String OTHER_METHOD = "other";

  private final MeterRegistry registry;
  /** The timers by method, route and status: looking one up in the registry costs a lot per request. */
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
  /** The route of each list of matched templates (the same few lists recur). */
  private final Map<List<UriTemplate>, String> routes = new ConcurrentHashMap<>();

  private record TimerKey(String method, String route, int status) {}

  @Inject
  public RequestMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onEvent(ApplicationEvent event) {
    // Application events (start, reload) are not measured.
  }

  @Override
  public RequestEventListener onRequest(RequestEvent start) {
    long startNanos = System.nanoTime();
    return event -> {
      if (event.getType() == RequestEvent.Type.FINISHED) {
        record(event, System.nanoTime() - startNanos);
      }
    };
  }

  private void record(RequestEvent event, long nanos) {
    ContainerResponse response = event.getContainerResponse();
    int status = response == null ? 500 : statusOf(response);
    List<UriTemplate> templates = event.getUriInfo().getMatchedTemplates();
    String route = routes.get(templates);
    if (route == null) {
      route = route(templates);
      if (routes.size() < MAX_ROUTES) {
        routes.put(List.copyOf(templates), route);
      }
    }
    record(event.getContainerRequest().getMethod(), route, status, nanos);
  }

  /**
   * Records one request answered outside Jersey (the object reads, see {@code
   * dev.cvos.server.object.ObjectReadHandler}), under the same meter as Jersey's requests.
   *
   * @param route the route template, such as {@code /v1/objects/{bucket}/{key}}
   */
  public void record(String method, String route, int status, long nanos) {
    timers.computeIfAbsent(new TimerKey(methodLabel(method), route, status), k -> Timer.builder("cvos.http.requests")
        .description("HTTP requests by method, route template and status")
        .tag("method", k.method())
        .tag("route", k.route())
        .tag("status", Integer.toString(k.status()))
        .publishPercentileHistogram()
        .register(registry))
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The method as a label: one of a fixed few, {@code other} for any method a client made up. */
  static String methodLabel(String method) {
    return METHODS.contains(method) ? method : OTHER_METHOD;
  }

  private static int statusOf(ContainerResponseContext response) {
    return response.getStatus();
  }

  static String route(RequestEvent event) {
    return route(event.getUriInfo().getMatchedTemplates());
  }

  private static String route(List<UriTemplate> templates) {
    if (templates.isEmpty()) {
      return "unmatched";
    }
    StringBuilder route = new StringBuilder();
    for (int i = templates.size() - 1; i >= 0; i--) {
      String part = templates.get(i).getTemplate();
      if (part.equals("/")) {
        continue;
      }
      if (!part.startsWith("/")) {
        route.append('/');
      }
      route.append(part);
    }
    String withoutRegexes = PARAMETER_REGEX.matcher(route).replaceAll("{$1}");
    return TRAILING_SLASHES.matcher(withoutRegexes).replaceAll("");
  }
}
