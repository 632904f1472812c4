package dev.cvos.domain.relay;

import dev.cvos.storage.spi.tck.MutableClock;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A registry held in memory, a clock the test moves, and the view and ranking over them. */
final class TestCluster {
  static final String SELF = "self";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T08:00:00Z"));
  final InMemoryRegistry registry = new InMemoryRegistry();
  final PeerView view = new PeerView(SELF, registry);
  final PeerRanking ranking;

  TestCluster(RankingPolicy policy) {
    ranking = new PeerRanking(view, clock, policy);
  }

  TestCluster() {
    this(new RankingPolicy(Duration.ofSeconds(30), Duration.ofSeconds(60), 3));
  }

  /** Registers servers seen now and refreshes the view. */
  TestCluster with(String id, ServerRole role) {
    return withSeen(id, role, clock.instant());
  }

  TestCluster withSeen(String id, ServerRole role, Instant lastSeen) {
    registry.register(server(id, role, lastSeen));
    view.refresh();
    return this;
  }

  static ServerRecord server(String id, ServerRole role, Instant lastSeen) {
    return new ServerRecord(
        id, URI.create("https://" + id + ".test:8443"), role, StorageMode.LOCAL, "0.1.0", lastSeen);
  }

  static final class InMemoryRegistry implements ServerRegistry {
    final List<ServerRecord> servers = new CopyOnWriteArrayList<>();
    volatile RuntimeException failure;
    volatile int reads;

    @Override
    public void register(ServerRecord server) {
      servers.removeIf(existing -> existing.id().equals(server.id()));
      servers.add(server);
      servers.sort(java.util.Comparator.comparing(ServerRecord::id));
    }

    @Override
    public void heartbeat(String serverId, Instant now) {
      for (ServerRecord server : new ArrayList<>(servers)) {
        if (server.id().equals(serverId)) {
          register(new ServerRecord(server.id(), server.url(), server.role(), server.storageMode(),
              server.version(), now));
        }
      }
    }

    @Override
    public List<ServerRecord> servers() {
      reads++;
      if (failure != null) {
        throw failure;
      }
      return List.copyOf(servers);
    }
  }
}
