package dev.cvos.server.proxy;

import com.google.inject.Inject;
import dev.cvos.peer.PeerForwarder;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.server.config.RegistryConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the forwarding client's trust current: once at start (after this server registered), then
 * every {@code registry.interval}, the certificates published in the registry are read and, when
 * they changed, used for new connections. Stops the forwarding client with the server. (The
 * cluster view itself is refreshed by the peers' maintenance.) Owns its one thread.
 */
public final class ForwardingLifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardingLifecycle.class);

  private final PeerForwarder forwarder;
  private final PublishedTrust trust;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;
  private Map<String, String> trusted = Map.of();

  @Inject
  ForwardingLifecycle(PeerForwarder forwarder, PublishedTrust trust, RegistryConfig registry) {
    this.forwarder = forwarder;
    this.trust = trust;
    this.interval = registry.interval();
    ThreadFactory threads = Executors.defaultThreadFactory();
    this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = threads.newThread(task);
      thread.setName("cvos-forwarding-trust");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Reads the published certificates now, then every registry interval. */
  public void start() {
    refreshTrust();
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshTrust, millis, millis, TimeUnit.MILLISECONDS);
  }

  private synchronized void refreshTrust() {
    try {
      Map<String, String> published = trust.published();
      if (!published.equals(trusted)) {
        forwarder.reloadTrust();
        trusted = Map.copyOf(published);
        LOG.info("forwarding trusts the certificates published by {}", published.keySet());
      }
    } catch (PeerTransportException | RuntimeException e) {
      LOG.warn("reading the servers' published certificates failed; forwarding keeps its last trust, retrying in {}",
          interval, e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    forwarder.close();
  }
}
