package dev.cvos.server.metrics;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.server.config.MetricsConfig;
import dev.cvos.server.config.ServerConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** The Prometheus registry (tagged with the server id), request metrics, and the store inventory. */
public final class MetricsModule extends AbstractModule {
  private final MetricsConfig config;

  public MetricsModule(MetricsConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(MetricsConfig.class).toInstance(config);
    bind(MeterRegistry.class).to(PrometheusMeterRegistry.class);
    bind(RequestMetrics.class).in(Singleton.class);
    bind(StoreInventory.class).in(Singleton.class);
    bind(MetricsResource.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  PrometheusMeterRegistry prometheus(ServerConfig server) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().commonTags("server", server.id());
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    return registry;
  }
}
