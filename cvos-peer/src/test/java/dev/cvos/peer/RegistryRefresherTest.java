package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.relay.Eventually;
import dev.cvos.domain.relay.PeerView;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class RegistryRefresherTest {

  /** A registry that lists one more server on every read and fails on the reads it is told to. */
  private static final class CountingRegistry implements ServerRegistry {
    final AtomicInteger reads = new AtomicInteger();
    final List<Long> readNanos = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean failing;

    @Override
    public void register(ServerRecord server) {
      throw new IllegalStateException("the refresher only reads");
    }

    @Override
    public void heartbeat(String serverId, Instant now) {
      throw new IllegalStateException("the refresher only reads");
    }

    @Override
    public List<ServerRecord> servers() {
      readNanos.add(System.nanoTime());
      int read = reads.incrementAndGet();
      if (failing) {
        throw new IllegalStateException("database down (read " + read + ")");
      }
      return java.util.stream.IntStream.rangeClosed(1, read)
          .mapToObj(i -> new ServerRecord("s" + i, URI.create("https://s" + i + ".test"),
              ServerRole.REDUNDANT_SECONDARY, StorageMode.LOCAL, "0.1.0", Instant.now()))
          .toList();
    }
  }

  @Test
  void refresherReReadsTheRegistryEveryInterval() throws Exception {
    CountingRegistry registry = new CountingRegistry();
    PeerView view = new PeerView("self", registry);
    Duration interval = Duration.ofMillis(50);

    try (RegistryRefresher refresher = new RegistryRefresher(view, interval)) {
      refresher.start();
      // it keeps reading: five reads come (within a bound generous for a loaded machine) ...
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(view.servers()).hasSizeGreaterThanOrEqualTo(5));
    }

    // ... never faster than the interval (a fixed delay: timing can only make the gaps longer)
    List<Long> reads = List.copyOf(registry.readNanos);
    for (int i = 1; i < reads.size(); i++) {
      assertThat(Duration.ofNanos(reads.get(i) - reads.get(i - 1))).as("gap before read %d", i + 1)
          .isGreaterThanOrEqualTo(interval.minusMillis(1));
    }
    assertThat(view.servers()).as("the list of the last read").hasSize(registry.reads.get());
  }

  @Test
  void aFailedReadKeepsTheLastListAndTheNextIntervalTriesAgain() throws Exception {
    CountingRegistry registry = new CountingRegistry();
    PeerView view = new PeerView("self", registry);
    view.refresh();
    registry.failing = true;

    try (RegistryRefresher refresher = new RegistryRefresher(view, Duration.ofMillis(30))) {
      refresher.start();
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(registry.reads.get()).isGreaterThanOrEqualTo(4));
      assertThat(view.servers()).as("the last list, kept through failed reads").hasSize(1);
      registry.failing = false;
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(view.servers()).hasSizeGreaterThan(4));
    }
  }

  @Test
  void closeStopsTheRefreshes() throws Exception {
    CountingRegistry registry = new CountingRegistry();
    RegistryRefresher refresher = new RegistryRefresher(new PeerView("self", registry), Duration.ofMillis(20));
    refresher.start();
    Eventually.within(Duration.ofSeconds(10), () -> assertThat(registry.reads.get()).isGreaterThanOrEqualTo(2));

    refresher.close();
    int afterClose = registry.reads.get();
    // Showing that nothing happens needs a wait: ten intervals, in which a refresher that kept
    // running would read again (a loaded machine can only hide a failure here, never fake one).
    Thread.sleep(200);

    assertThat(registry.reads.get()).isEqualTo(afterClose);
  }

  @Test
  void aZeroIntervalIsRefused() {
    assertThatThrownBy(() -> new RegistryRefresher(new PeerView("self", new CountingRegistry()), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("registry interval");
  }
}
