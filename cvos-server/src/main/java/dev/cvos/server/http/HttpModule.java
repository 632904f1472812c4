package dev.cvos.server.http;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.server.cluster.ClusterResource;
import dev.cvos.server.config.AuthConfig;
import dev.cvos.server.config.HttpConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.TlsConfig;
import dev.cvos.server.health.HealthResource;
import dev.cvos.server.metrics.MetricsResource;
import dev.cvos.server.metrics.RequestMetrics;
import dev.cvos.server.openapi.OpenApiResource;
import dev.cvos.server.proxy.ForwardingFilter;
import dev.cvos.server.tls.ServerTls;
import dev.cvos.server.tls.TlsMaterial;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Set;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * HTTP: Jetty with HTTPS (and optional plain HTTP), the Jersey application built from Guice-made
 * singletons (resources, the API key filter, the one exception mapper, request metrics), and the
 * access log. Feature modules add their resources and front handlers through {@link HttpBindings}.
 */
public final class HttpModule extends AbstractModule {
  private final HttpConfig http;
  private final TlsConfig tls;
  private final AuthConfig auth;

  public HttpModule(HttpConfig http, TlsConfig tls, AuthConfig auth) {
    this.http = http;
    this.tls = tls;
    this.auth = auth;
  }

  @Override
  protected void configure() {
    bind(HttpConfig.class).toInstance(http);
    bind(TlsConfig.class).toInstance(tls);
    bind(AuthConfig.class).toInstance(auth);
    bind(HealthResource.class).in(Singleton.class);
    bind(OpenApiResource.class).in(Singleton.class);
    bind(ErrorMapper.class).in(Singleton.class);
    bind(BareErrorFilter.class).in(Singleton.class);
    bind(ApiKeyFilter.class).in(Singleton.class);
    bind(ObjectMapperResolver.class).in(Singleton.class);
    bind(AccessLog.class).in(Singleton.class);
    bind(CvosHttpServer.class).in(Singleton.class);
    HttpBindings.jerseyComponents(binder());
    HttpBindings.frontHandlers(binder());
  }

  @Provides
  @Singleton
  TlsMaterial tlsMaterial(TlsConfig config, ServerConfig server, Clock clock) throws IOException, GeneralSecurityException {
    return ServerTls.load(config, server, clock);
  }

  @Provides
  @Singleton
  ResourceConfig application(@HttpBindings.JerseyComponents Set<Object> features, ClusterResource cluster, HealthResource health,
      MetricsResource metrics, OpenApiResource openApi, ErrorMapper errors, BareErrorFilter bareErrors,
      ApiKeyFilter apiKeys, ObjectMapperResolver json, RequestMetrics requestMetrics, ForwardingFilter forwarding) {
    ResourceConfig config = new ResourceConfig();
    config.setApplicationName("cvos");
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    config.property(ServerProperties.PROCESSING_RESPONSE_ERRORS_ENABLED, true);
    config.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
    config.register(JacksonFeature.withoutExceptionMappers());
    config.registerInstances(features);
    config.registerInstances(cluster, health, metrics, openApi, errors, bareErrors, apiKeys, json,
        requestMetrics, forwarding);
    return config;
  }
}
