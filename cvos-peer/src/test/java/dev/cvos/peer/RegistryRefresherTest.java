package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
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

    try (RegistryRefresher refresher = new RegistryRefresher(view, Duration.ofMillis(50))) {
      refresher.start();
      Thread.sleep(600);
    }

    assertThat(registry.reads.get()).isBetween(4, 13);
    assertThat(view.servers()).hasSize(registry.reads.get());
  }

  @Test
  void aFailedReadKeepsTheLastListAndTheNextIntervalTriesAgain() throws Exception {
    CountingRegistry registry = new CountingRegistry();
    PeerView view = new PeerView("self", registry);
    view.refresh();
    registry.failing = true;

    try (RegistryRefresher refresher = new RegistryRefresher(view, Duration.ofMillis(30))) {
      refresher.start();
      Thread.sleep(300);
      assertThat(view.servers()).hasSize(1);
      registry.failing = false;
      Thread.sleep(300);
    }

    assertThat(registry.reads.get()).isGreaterThan(5);
    assertThat(view.servers()).hasSizeGreaterThan(5);
  }

  @Test
  void closeStopsTheRefreshes() throws Exception {
    CountingRegistry registry = new CountingRegistry();
    RegistryRefresher refresher = new RegistryRefresher(new PeerView("self", registry), Duration.ofMillis(20));
    refresher.start();
    Thread.sleep(100);

    refresher.close();
    int afterClose = registry.reads.get();
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
