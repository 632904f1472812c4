package dev.cvos.server.metrics;

import com.google.inject.Inject;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
 */
public final class RequestMetrics implements ApplicationEventListener {
  private final MeterRegistry registry;

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
    Timer.builder("cvos.http.requests")
        .description("HTTP requests by method, route template and status")
        .tag("method", event.getContainerRequest().getMethod())
        .tag("route", route(event))
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  private static int statusOf(ContainerResponseContext response) {
    return response.getStatus();
  }

  static String route(RequestEvent event) {
    List<UriTemplate> templates = new ArrayList<>(event.getUriInfo().getMatchedTemplates());
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
    return route.toString().replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+$", "");
  }
}
