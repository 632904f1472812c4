package dev.cvos.server.peer;

import com.google.inject.Inject;
import dev.cvos.domain.catalog.ObjectCatalog;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.object.CatalogReconcile;
import dev.cvos.server.config.ServerConfig;
import java.time.Clock;
import dev.cvos.domain.object.MissedDeletions;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.server.config.RegistryConfig;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once at start before this server is ready, then on two schedules: every {@code
 * registry.interval} it re-reads the list of servers and their certificates ({@link
 * PeerDirectory}, the one schedule of the peers' trust; a certificate not known yet is read at once
 * besides) and drops the deletion records every storing server applied; every {@code
 * registry.deletion-check-interval} (short: a cheap indexed query) it applies the deletions this
 * server missed, so a server that was paused or cut off catches up within moments. Right after
 * the first pass, a server with the relay greets every registered server (so they meet its
 * certificate and read the registry at once: see {@link dev.cvos.peer.HttpPeerGateway#greet}). Owns
 * its single thread.
 */
public final class ClusterMaintenance implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMaintenance.class);
  private static final Duration GREETING_TIMEOUT = Duration.ofSeconds(10);
  private static final int EXPIRED_PER_PASS = 1000;

  private final ClusterPeers peers;
  private final PeerDirectory directory;
  private final MissedDeletions missedDeletions;
  private final DeletionLog deletionLog;
  private final Duration interval;
  private final Duration deletionCheckInterval;
  private final CatalogReconcile reconcile;
  private final ObjectCatalog catalog;
  private final Clock clock;
  private final boolean storing;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(ClusterPeers.daemonThreads("cvos-cluster-maintenance-"));

  @Inject
  public ClusterMaintenance(ClusterPeers peers, PeerDirectory directory, MissedDeletions missedDeletions,
      DeletionLog deletionLog, RegistryConfig registry, CatalogReconcile reconcile, ObjectCatalog catalog,
      ServerConfig server, Clock clock) {
    this.reconcile = reconcile;
    this.catalog = catalog;
    this.clock = clock;
    this.storing = server.role().stores();
    this.peers = peers;
    this.directory = directory;
    this.missedDeletions = missedDeletions;
    this.deletionLog = deletionLog;
    this.interval = registry.interval();
    this.deletionCheckInterval = registry.deletionCheckInterval();
  }

  /** Runs both passes now (after this server registered), then each on its schedule. */
  public void start() {
    refreshRegistry();
    applyMissedDeletions();
    if (storing) {
      reconcileCatalog();
    }
    greetPeers();
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::refreshRegistry, millis, millis, TimeUnit.MILLISECONDS);
    long checkMillis = deletionCheckInterval.toMillis();
    scheduler.scheduleWithFixedDelay(this::applyMissedDeletions, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
  }

  private void refreshRegistry() {
    PeerView view = directory.view();
    try {
      directory.refresh();
      if (peers.relay().isEmpty() && !view.storingPeers().isEmpty()) {
        LOG.error("other storing servers are registered ({}), but this server has no peer.key: it cannot ask them "
            + "for objects it does not have; set the cluster's peer.key", view.storingPeers().size());
      }
    } catch (Exception e) {
      LOG.warn("re-reading the server registry failed; relaying with the last list of {} servers, retrying in {}",
          view.servers().size(), interval, e);
    }
    try {
      deletionLog.dropFullyApplied();
    } catch (Exception e) {
      LOG.warn("dropping applied deletion records failed; retrying in {}", interval, e);
    }
  }

  /** Greets every other registered server at once (see the class comment); answers are only logged. */
  private void greetPeers() {
    if (peers.gateway().isEmpty()) {
      return;
    }
    for (ServerRecord server : directory.view().servers()) {
      if (!server.id().equals(directory.view().selfId())) {
        peers.gateway().get().greet(server, GREETING_TIMEOUT).whenComplete((status, failure) -> {
          if (failure != null || status != 200) {
            LOG.debug("greeting {} at {}: {}", server.id(), server.url(), failure != null ? failure.toString() : status);
          }
        });
      }
    }
  }

  /**
   * Reconciles this server's store with the object catalog (files ⇄ rows), after the deletion log
   * was applied. A failure is logged: the objects not catalogued are then only found by asking
   * every server while the catalog cannot be reached, and catalogued at the next start.
   */
  private void reconcileCatalog() {
    try {
      long started = System.nanoTime();
      CatalogReconcile.Result result = reconcile.run();
      LOG.info("reconciled {} objects of this server's store with the object catalog in {} ms ({} stale copies "
          + "removed)", result.seen(), (System.nanoTime() - started) / 1_000_000, result.removed());
    } catch (Exception e) {
      LOG.error("reconciling this server's store with the object catalog failed; objects it has that the catalog "
          + "lacks are catalogued at the next start", e);
    }
  }

  private void applyMissedDeletions() {
    if (storing) {
      try {
        catalog.removeExpired(clock.instant(), EXPIRED_PER_PASS);
      } catch (Exception e) {
        LOG.warn("removing expired entries from the object catalog failed; retrying in {}", deletionCheckInterval, e);
      }
    }
    try {
      int deleted = missedDeletions.applyPending();
      if (deleted > 0) {
        LOG.info("applied {} deletions taken while this server could not be reached", deleted);
      }
    } catch (Exception e) {
      LOG.warn("applying the cluster's deletion log failed; retrying in {}", deletionCheckInterval, e);
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("the cluster maintenance did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
