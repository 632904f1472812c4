package dev.cvos.domain.object;

import dev.cvos.storage.spi.ObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * Reclaims the bytes of expired objects in the background: calls {@link
 * ObjectStore#purgeExpired} every interval. Readers never see an expired object whether or not a
 * sweep has run; the sweep only frees space. It owns its one thread and stops it on {@link
 * #close()}.
 */
public final class ExpirySweeper implements AutoCloseable {
  private final ObjectStore store;
  private final Clock clock;
  private final Duration interval;
  private final SweepListener listener;
  private final ScheduledExecutorService executor;

  public ExpirySweeper(ObjectStore store, Clock clock, Duration interval, SweepListener listener) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
    this.listener = Objects.requireNonNull(listener, "listener");
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("interval must be positive: " + interval);
    }
    ThreadFactory threads = Executors.defaultThreadFactory();
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = threads.newThread(task);
      thread.setName("cvos-expiry-sweeper");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Starts sweeping: the first sweep after one interval, then every interval. */
  public void start() {
    long millis = interval.toMillis();
    executor.scheduleWithFixedDelay(this::sweepQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Runs one sweep now, on the caller's thread. */
  public int sweep() throws IOException {
    int count = store.purgeExpired(clock.instant());
    listener.swept(count);
    return count;
  }

  private void sweepQuietly() {
    try {
      sweep();
    } catch (IOException | RuntimeException e) {
      listener.failed(e);
    }
  }

  /** Stops sweeping, waiting up to 10 seconds for a sweep in progress. */
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
