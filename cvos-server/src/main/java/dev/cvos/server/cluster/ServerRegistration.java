package dev.cvos.server.cluster;

import com.google.inject.Inject;
import dev.cvos.domain.cluster.CertificateDirectory;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.server.CvosVersion;
import dev.cvos.server.config.RegistryConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.tls.TlsMaterial;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers this server in the registry at start (id, advertised URL, role, storage mode, version)
 * with its HTTPS certificate (which its peers then trust), and heartbeats on the configured
 * interval. Owns its heartbeat thread.
 */
public final class ServerRegistration implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServerRegistration.class);

  private final ServerRegistry registry;
  private final CertificateDirectory certificates;
  private final TlsMaterial tls;
  private final ServerConfig server;
  private final Duration interval;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final AtomicReference<String> problem = new AtomicReference<>("not registered yet");

  @Inject
  public ServerRegistration(ServerRegistry registry, CertificateDirectory certificates, TlsMaterial tls,
      ServerConfig server, RegistryConfig config, Clock clock) {
    this.registry = registry;
    this.certificates = certificates;
    this.tls = tls;
    this.server = server;
    this.interval = config.heartbeatInterval();
    this.clock = clock;
    ThreadFactory threads = Executors.defaultThreadFactory();
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = threads.newThread(task);
      thread.setName("cvos-registry-heartbeat");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Registers this server, reachable at {@code url}, and starts heartbeating. */
  public void start(URI url) {
    ServerRecord record = new ServerRecord(server.id(), url, server.role(), server.storageMode(),
        CvosVersion.current(), clock.instant());
    registry.register(record);
    certificates.publish(server.id(), tls.certificatePem());
    problem.set(null);
    LOG.info("registered as {} ({}, {} storage) at {}, version {}", server.id(), server.role(),
        server.storageMode(), url, record.version());
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::heartbeat, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void heartbeat() {
    try {
      registry.heartbeat(server.id(), clock.instant());
      if (problem.getAndSet(null) != null) {
        LOG.info("heartbeat to the registry works again");
      }
    } catch (RuntimeException e) {
      String was = problem.getAndSet("heartbeat failed: " + e.getMessage());
      if (was == null) {
        LOG.warn("heartbeat to the registry failed; retrying every {}: {}", interval, e.toString());
      }
    }
  }

  /** Why this server is not (currently) registered; empty when registration and heartbeat work. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem.get());
  }

  @Override
  public void close() {
    executor.shutdownNow();
    try {
      executor.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
