package dev.cvos.server.metrics;

import com.google.inject.Inject;
import dev.cvos.server.config.MetricsConfig;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the objects and bytes this server stores by walking the store's listing on an interval,
 * and publishes them as gauges ({@code cvos_store_objects}, {@code cvos_store_bytes}) along with
 * the store's free space ({@code cvos_store_usable_bytes}). Owns its one thread.
 */
public final class StoreInventory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreInventory.class);

  private final ObjectStore store;
  private final Duration interval;
  private final AtomicLong objects = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong usable = new AtomicLong();
  private final ScheduledExecutorService executor;

  @Inject
  public StoreInventory(ObjectStore store, MetricsConfig config, MeterRegistry registry) {
    this.store = store;
    this.interval = config.inventoryInterval();
    Gauge.builder("cvos.store.objects", objects, AtomicLong::get)
        .description("objects stored on this server, as of the last inventory").register(registry);
    Gauge.builder("cvos.store.bytes", bytes, AtomicLong::get).baseUnit("bytes")
        .description("bytes of objects stored on this server, as of the last inventory").register(registry);
    Gauge.builder("cvos.store.usable", usable, AtomicLong::get).baseUnit("bytes")
        .description("bytes still free for new objects").register(registry);
    ThreadFactory threads = Executors.defaultThreadFactory();
    this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = threads.newThread(task);
      thread.setName("cvos-store-inventory");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Takes the first inventory now (in the background), then one every interval. */
  public void start() {
    executor.scheduleWithFixedDelay(this::takeQuietly, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Counts now, on the caller's thread. */
  public void take() throws IOException {
    long count = 0;
    long total = 0;
    for (String bucket : store.buckets()) {
      String after = null;
      do {
        ObjectListing page = store.list(bucket, new ListRequest("", after, ListRequest.MAX_LIMIT));
        for (ObjectMetadata m : page.items()) {
          count++;
          total += m.size();
        }
        after = page.next();
      } while (after != null);
    }
    objects.set(count);
    bytes.set(total);
    usable.set(store.usableSpace());
  }

  private void takeQuietly() {
    try {
      take();
    } catch (IOException | RuntimeException e) {
      LOG.warn("store inventory failed; the gauges keep their last values: {}", e.toString());
    }
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
