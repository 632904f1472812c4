package dev.cvos.server.metrics;

import com.google.inject.Inject;
import dev.cvos.api.CvosPaths;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /metrics}: the Prometheus text format. Open (no API key), for scrapers. */
@Path(CvosPaths.METRICS)
public final class MetricsResource {
  private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  @Inject
  public MetricsResource(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @GET
  public Response scrape() {
    return Response.ok(registry.scrape(), PROMETHEUS_TEXT).build();
  }
}
