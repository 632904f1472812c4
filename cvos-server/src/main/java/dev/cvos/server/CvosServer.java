package dev.cvos.server;

import com.google.inject.Binder;
import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import com.google.inject.Stage;
import com.google.inject.spi.Message;
import dev.cvos.domain.object.ExpirySweeper;
import dev.cvos.peer.PeerForwarder;
import dev.cvos.server.cluster.ClusterModule;
import dev.cvos.server.cluster.ServerRegistration;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ConfigurationException;
import dev.cvos.server.http.CvosHttpServer;
import dev.cvos.server.http.HttpModule;
import dev.cvos.server.logging.JulBridge;
import dev.cvos.server.metrics.MetricsModule;
import dev.cvos.server.metrics.StoreInventory;
import dev.cvos.server.object.ObjectModule;
import dev.cvos.server.persistence.Database;
import dev.cvos.server.peer.ClusterMaintenance;
import dev.cvos.server.peer.ClusterPeers;
import dev.cvos.server.peer.PeerModule;
import dev.cvos.server.persistence.PersistenceModule;
import dev.cvos.server.plugin.PluginLoadingException;
import dev.cvos.server.plugin.PluginModule;
import dev.cvos.server.proxy.ProxyModule;
import dev.cvos.server.proxy.ProxyStorageModule;
import dev.cvos.server.storage.StorageModule;
import dev.cvos.server.storage.StoreLoadingException;
import dev.cvos.storage.spi.ObjectStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running CVOS server, and its {@code main}. The server is a list of Guice modules, one per
 * concern, built with explicit bindings only, no circular proxies, in the production stage (every
 * singleton made at start, so a wiring or configuration mistake stops the start, not a request).
 */
public final class CvosServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CvosServer.class);

  private final Injector injector;
  private final CvosHttpServer http;
  private final URI advertisedUrl;
  private final Deque<AutoCloseable> running;

  private CvosServer(Injector injector, CvosHttpServer http, URI advertisedUrl, Deque<AutoCloseable> running) {
    this.injector = injector;
    this.http = http;
    this.advertisedUrl = advertisedUrl;
    this.running = running;
  }

  private static CvosServer start(CvosConfig config, Clock clock) throws Exception {
    Deque<AutoCloseable> running = new ArrayDeque<>();
    try {
      Database database = Database.start(config.database());
      running.push(database);
      List<Module> modules = new ArrayList<>(modules(config, clock));
      modules.add(new PersistenceModule(database));
      Injector injector = Guice.createInjector(Stage.PRODUCTION, modules);
      running.push(injector.getInstance(ObjectStore.class));
      running.push(injector.getInstance(PeerForwarder.class));
      CvosHttpServer http = injector.getInstance(CvosHttpServer.class);
      StoreInventory inventory = injector.getInstance(StoreInventory.class);
      running.push(inventory);
      ExpirySweeper sweeper = injector.getInstance(ExpirySweeper.class);
      running.push(sweeper);
      running.push(injector.getInstance(ClusterPeers.class));
      running.push(http);
      http.start();
      URI advertisedUrl = config.server().advertisedUrl().orElseGet(() -> defaultAdvertisedUrl(config, http));
      ServerRegistration registration = injector.getInstance(ServerRegistration.class);
      running.push(registration);
      registration.start(advertisedUrl);
      ClusterMaintenance maintenance = injector.getInstance(ClusterMaintenance.class);
      running.push(maintenance);
      maintenance.start();
      sweeper.start();
      inventory.start();
      if (config.auth().developmentMode()) {
        DevelopmentModeBanner.announce(LOG, http.httpsUri(), http.plainUri());
      }
      LOG.info("CVOS {} server {} started: {}, {} storage, HTTPS {}", CvosVersion.current(), config.server().id(),
          config.server().role(), config.server().storageMode(), http.httpsUri());
      return new CvosServer(injector, http, advertisedUrl, running);
    } catch (Exception | Error e) {
      closeAll(running, e);
      throw e;
    }
  }

  /** https://{first tls.hostnames entry, else the listening host}:{bound https port}. */
  private static URI defaultAdvertisedUrl(CvosConfig config, CvosHttpServer http) {
    URI listening = http.httpsUri();
    if (config.tls().hostnames().isEmpty()) {
      return listening;
    }
    String host = config.tls().hostnames().get(0);
    return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + listening.getPort());
  }

  /**
   * Starts a server: the database first (embedded or configured; migrated), then the production
   * modules over it, then HTTP, registration and the background sweeps.
   */
  public static CvosServer start(CvosConfig config) throws Exception {
    return start(config, clock());
  }

  /**
   * The system clock, shifted by the system property {@value #CLOCK_OFFSET_PROPERTY} (an ISO-8601
   * duration such as {@code PT10M} or {@code -PT10M}) when it is set: the tests' way to run one server
   * of a cluster with a clock that is off, to show that nothing is ordered by wall clocks.
   */
  static Clock clock() {
    String offset = System.getProperty(CLOCK_OFFSET_PROPERTY);
    return offset == null || offset.isBlank() ? Clock.systemUTC()
        : Clock.offset(Clock.systemUTC(), java.time.Duration.parse(offset));
  }

  /** The system property that shifts the server's clock (tests only). */
  static final String CLOCK_OFFSET_PROPERTY = "cvos.test.clock-offset";

  /** The production modules of a configuration, without persistence (which needs a started database). */
  public static List<Module> modules(CvosConfig config, Clock clock) {
    return List.of(
        CvosServer::tighten,
        new CoreModule(config.server(), clock),
        new PluginModule(config.plugins().directory()),
        // A simple secondary stores nothing: its configured store is never opened.
        config.server().role().stores() ? new StorageModule(config.storage()) : new ProxyStorageModule(config.storage()),
        new ObjectModule(config.sweep()),
        new HttpModule(config.http(), config.tls(), config.auth()),
        new MetricsModule(config.metrics()),
        new ClusterModule(config.registry()),
        new PeerModule(config.peer(), config.relay()),
        new ProxyModule(config.proxy()));
  }

  private static void tighten(Binder binder) {
    binder.requireExplicitBindings();
    binder.disableCircularProxies();
    binder.requireAtInjectOnConstructors();
  }

  public Injector injector() {
    return injector;
  }

  /** The HTTPS base URI with the bound port. */
  public URI httpsUri() {
    return http.httpsUri();
  }

  /** The plain HTTP base URI, when enabled. */
  public Optional<URI> plainUri() {
    return http.plainUri();
  }

  /** The URL this server registered under. */
  public URI advertisedUrl() {
    return advertisedUrl;
  }

  /** Stops in reverse order of start: registration, HTTP (gracefully), sweeps, store, database. */
  @Override
  public synchronized void close() throws Exception {
    closeAll(running);
  }

  private static void closeAll(Deque<AutoCloseable> running) throws Exception {
    Exception failure = null;
    while (!running.isEmpty()) {
      try {
        running.pop().close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void closeAll(Deque<AutoCloseable> running, Throwable cause) {
    try {
      closeAll(running);
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Starts a server from a configuration file and runs until the process is stopped (SIGTERM or
   * SIGINT stop it gracefully).
   *
   * @param args the configuration file; default {@code conf/cvos.yaml} under the base directory
   *     (the system property {@code cvos.home}, else the working directory)
   */
  public static void main(String[] args) {
    JulBridge.install();
    Path baseDir = Path.of(System.getProperty("cvos.home", ".")).toAbsolutePath().normalize();
    Path configFile = args.length > 0 ? Path.of(args[0]).toAbsolutePath() : baseDir.resolve("conf/cvos.yaml");
    CvosServer server;
    try {
      LOG.info("reading configuration {}{}", configFile,
          configFile.toFile().exists() ? "" : " (missing: every setting takes its default)");
      CvosConfig config = CvosConfig.read(ConfigValues.load(configFile, System.getenv()), baseDir);
      server = start(config);
    } catch (ConfigurationException e) {
      LOG.error("CVOS cannot start: {}", e.getMessage());
      Runtime.getRuntime().exit(2);
      return;
    } catch (CreationException | ProvisionException e) {
      // one sentence per distinct cause: the same cause is reported once per injection point
      LOG.error("CVOS cannot start: {}", guiceMessages(e));
      LOG.debug("CVOS cannot start: the injector's report", e);
      Runtime.getRuntime().exit(1);
      return;
    } catch (StoreLoadingException | PluginLoadingException e) {
      LOG.error("CVOS cannot start: {}", e.getMessage());
      LOG.debug("CVOS cannot start", e);
      Runtime.getRuntime().exit(1);
      return;
    } catch (Exception e) {
      LOG.error("CVOS cannot start: {}", e.getMessage(), e);
      Runtime.getRuntime().exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(Executors.defaultThreadFactory().newThread(() -> {
      LOG.info("stopping on signal");
      try {
        server.close();
        LOG.info("stopped");
      } catch (Exception e) {
        LOG.error("stopping failed", e);
      }
    }));
  }

  private static String guiceMessages(RuntimeException e) {
    List<Message> messages = e instanceof CreationException c ? new ArrayList<>(c.getErrorMessages())
        : new ArrayList<>(((ProvisionException) e).getErrorMessages());
    Set<String> texts = new LinkedHashSet<>();
    for (Message message : messages) {
      Throwable cause = message.getCause();
      texts.add(cause != null && cause.getMessage() != null ? cause.getMessage() : message.getMessage());
    }
    return String.join("; ", texts);
  }
}
