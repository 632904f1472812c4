package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.server.config.HttpConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.TlsConfig;
import dev.cvos.server.peer.RelayedRequestCheck;
import dev.cvos.server.tls.ConnectorTls;
import dev.cvos.server.tls.TlsMaterial;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.jetty.JettyHttpContainer;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty serving the Jersey application: an HTTPS connector and, when configured, a plain HTTP one.
 * Stops gracefully: connectors close first, requests in flight get {@code http.shutdown-grace} to
 * finish, then what is left is cut (an upload cut is discarded whole by the store).
 */
public final class CvosHttpServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CvosHttpServer.class);
  private static final int MAX_LISTED = 20;

  private final Server server;
  private final ServerConnector https;
  private final ServerConnector plain;
  private final String host;
  private final InFlightRequests inFlight;

  @Inject
  public CvosHttpServer(HttpConfig http, TlsConfig tls, ServerConfig serverConfig, TlsMaterial material,
      ResourceConfig application, AccessLog accessLog, Set<FrontHandler> frontHandlers,
      RelayedRequestCheck relayedCheck, MeterRegistry registry) {
    QueuedThreadPool threads = new QueuedThreadPool(http.maxThreads(), Math.min(8, http.maxThreads()));
    threads.setName("cvos-http");
    this.server = new Server(threads);
    this.host = http.host();

    HttpConfiguration httpsConfiguration = httpConfiguration(serverConfig.id());
    httpsConfiguration.setSecureScheme("https");
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    secure.setSniHostCheck(tls.sniHostCheck());
    httpsConfiguration.addCustomizer(secure);
    // Mutual TLS for peers: a client certificate is asked for, never required (ConnectorTls).
    SslContextFactory.Server ssl = new ConnectorTls(material);
    this.https = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(httpsConfiguration));
    https.setName("https");
    https.setHost(http.host());
    https.setPort(http.httpsPort());
    https.setIdleTimeout(http.idleTimeout().toMillis());
    server.addConnector(https);

    if (http.plainEnabled()) {
      this.plain = new ServerConnector(server, new HttpConnectionFactory(httpConfiguration(serverConfig.id())));
      plain.setName("http");
      plain.setHost(http.host());
      plain.setPort(http.plainPort());
      plain.setIdleTimeout(http.idleTimeout().toMillis());
      server.addConnector(plain);
    } else {
      this.plain = null;
    }

    JettyHttpContainer jersey = ContainerFactory.createContainer(JettyHttpContainer.class, application);
    Handler handler = new JerseyCompletion(jersey);
    List<FrontHandler> fronts = new ArrayList<>(frontHandlers);
    Collections.reverse(fronts);
    for (FrontHandler front : fronts) {
      front.setHandler(handler);
      handler = front;
    }
    relayedCheck.setHandler(new QueryEncodingGuard(handler));
    Handler served = relayedCheck;
    if (http.minBodyRate() > 0) {
      // A body slower than this on average fails its read, so a trickling upload frees its thread.
      served = new MinimumBodyRate(served, http.minBodyRate());
    }
    this.inFlight = new InFlightRequests(served, registry, http.oldRequestLogAfter());
    server.setHandler(new GracefulHandler(boundedQueue(inFlight, http)));
    server.setErrorHandler(new JsonErrorHandler(serverConfig.id()));
    server.setRequestLog(accessLog);
    server.setStopTimeout(http.shutdownGrace().toMillis());
    server.setStopAtShutdown(false);
  }

  /**
   * Bounds the wait for a request thread: at most {@code http.max-threads} less a reserve are
   * handled at once, at most {@code http.max-queued} more wait (without holding a thread) for up to
   * {@code http.idle-timeout}, and the rest are refused at once with 503. The health checks and
   * {@code /metrics} are never queued, so a load balancer still sees the server while it is busy.
   * (Jetty's own thread pool queue stays unbounded: Jetty warns that bounding it breaks its
   * internal tasks.)
   */
  private static Handler boundedQueue(Handler served, HttpConfig http) {
    QoSHandler queue = new QoSHandler(served);
    queue.setMaxRequestCount(Math.max(1, http.maxThreads() - Math.max(8, http.maxThreads() / 8)));
    queue.setMaxSuspendedRequestCount(http.maxQueued());
    queue.setMaxSuspend(http.idleTimeout());
    queue.setRejectStatusCode(503);
    queue.excludePath("/health/live", "/health/ready", "/metrics");
    return queue;
  }

  private static HttpConfiguration httpConfiguration(String serverId) {
    HttpConfiguration configuration = new HttpConfiguration();
    // A key may hold '%', so an encoded '%' (%25) in a path is allowed. A key's '/' may come
    // encoded (%2F), as generated clients and S3 SDKs send it: the names are decoded from the raw
    // path (RawNames), where it means '/', and a key is hashed for storage, so no path can escape.
    // In a bucket name a '/' is refused as invalid. Encoded dot segments stay refused (400).
    configuration.setUriCompliance(UriCompliance.DEFAULT.with("cvos",
        UriCompliance.Violation.AMBIGUOUS_PATH_ENCODING, UriCompliance.Violation.AMBIGUOUS_PATH_SEPARATOR));
    configuration.setSendServerVersion(false);
    configuration.setSendXPoweredBy(false);
    configuration.addCustomizer(new ServerIdCustomizer(serverId));
    return configuration;
  }

  /** Opens the ports and starts serving. */
  public void start() throws Exception {
    server.start();
    LOG.info("serving HTTPS on {}{}", httpsUri(), plainUri().map(u -> " and plain HTTP on " + u).orElse(""));
  }

  /** The HTTPS base URI, with the bound port ({@code localhost} when listening on every interface). */
  public URI httpsUri() {
    return URI.create("https://" + uriHost() + ":" + https.getLocalPort());
  }

  /** The plain HTTP base URI, when enabled. */
  public Optional<URI> plainUri() {
    return plain == null ? Optional.empty() : Optional.of(URI.create("http://" + uriHost() + ":" + plain.getLocalPort()));
  }

  private String uriHost() {
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      return "localhost";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private int openConnections() {
    return https.getConnectedEndPoints().size() + (plain == null ? 0 : plain.getConnectedEndPoints().size());
  }

  /** Stops gracefully (see the class comment). */
  @Override
  public void close() throws Exception {
    if (server.isStarted() || server.isStarting()) {
      LOG.info("stopping HTTP: no new connections; {} requests in flight ({} connections open) get up to {} ms",
          inFlight.count(), openConnections(), server.getStopTimeout());
      List<String> before = inFlight.describe(MAX_LISTED);
      try {
        server.stop();
      } catch (java.util.concurrent.TimeoutException e) {
        // The grace period ended: Jetty has closed the connections and cut what was still in flight,
        // which is what the grace period promises, not a failure to stop.
        LOG.warn("requests still in flight after {} ms were cut; in flight when the stop began: {}; {} left "
            + "after the cut{}; {} connections open", server.getStopTimeout(), before, inFlight.count(),
            inFlight.count() == 0 ? "" : ": " + inFlight.describe(MAX_LISTED), openConnections());
      }
    }
  }
}
