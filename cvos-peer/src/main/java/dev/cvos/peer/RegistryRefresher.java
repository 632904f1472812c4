package dev.cvos.peer;

import dev.cvos.domain.relay.PeerView;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the server registry into the {@link PeerView} every interval (60 s by default in the
 * server's configuration), on a single thread it owns and stops on {@link #close()}. A failed read
 * is logged and the view keeps its last list; the next interval tries again.
 */
public final class RegistryRefresher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryRefresher.class);

  private final PeerView view;
  private final Duration interval;
  private final ScheduledExecutorService scheduler;

  public RegistryRefresher(PeerView view, Duration interval) {
    this.view = Objects.requireNonNull(view, "view");
    this.interval = Objects.requireNonNull(interval, "interval");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("registry interval must be positive: " + interval);
    }
    ThreadFactory threads = runnable -> {
      Thread thread = Executors.defaultThreadFactory().newThread(runnable);
      thread.setName("cvos-registry-refresh");
      thread.setDaemon(true);
      return thread;
    };
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads);
  }

  /** Refreshes every interval from now on; the first refresh comes one interval from now. */
  public void start() {
    scheduler.scheduleWithFixedDelay(
        this::refresh, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void refresh() {
    try {
      view.refresh();
    } catch (RuntimeException e) {
      LOG.warn("Re-reading the server registry failed; relaying with the last list of {} servers, "
          + "retrying in {}", view.servers().size(), interval, e);
    }
  }

  /** Stops refreshing and waits for a refresh in progress to end. */
  @Override
  public void close() {
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("The registry refresh did not stop within 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
