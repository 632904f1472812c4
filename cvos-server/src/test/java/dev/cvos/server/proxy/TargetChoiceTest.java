package dev.cvos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.domain.relay.RankingPolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How a simple secondary orders the storing servers, and where a balancing primary puts a POST. */
class TargetChoiceTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  private final List<ServerRecord> servers = new ArrayList<>(List.of(
      server("a", ServerRole.PRIMARY, NOW), server("b", ServerRole.REDUNDANT_SECONDARY, NOW),
      server("c", ServerRole.SIMPLE_SECONDARY, NOW), server("d", ServerRole.REDUNDANT_SECONDARY, NOW)));

  @Test
  void eachRequestOfASimpleSecondaryStartsAtTheNextHealthyStoringServer() {
    ForwardTargets targets = new ForwardTargets(ranking("c"));
    assertThat(ids(targets.next())).containsExactly("a", "b", "d");
    assertThat(ids(targets.next())).containsExactly("b", "d", "a");
    assertThat(ids(targets.next())).containsExactly("d", "a", "b");
    assertThat(ids(targets.next())).containsExactly("a", "b", "d");
  }

  @Test
  void aServerThatFailedIsTriedOnlyAfterTheHealthyOnes() {
    PeerRanking ranking = ranking("c");
    ranking.recordFailure("a");
    ForwardTargets targets = new ForwardTargets(ranking);
    assertThat(ids(targets.next())).containsExactly("b", "d", "a");
    assertThat(ids(targets.next())).containsExactly("d", "b", "a");
  }

  @Test
  void withNoHealthyStoringServerTheOthersAreStillTried() {
    PeerRanking ranking = ranking("c");
    ranking.recordFailure("a");
    ranking.recordFailure("b");
    ranking.recordFailure("d");
    assertThat(ids(new ForwardTargets(ranking).next())).containsExactlyInAnyOrder("a", "b", "d");
  }

  @Test
  void thePrimaryTakesEveryThirdPostWithTwoHealthyPeers() {
    PostPlacement placement = new PostPlacement(ranking("a"));
    Map<String, Integer> placed = new TreeMap<>();
    for (int i = 0; i < 30; i++) {
      placed.merge(placement.next().map(ServerRecord::id).orElse("a"), 1, Integer::sum);
    }
    assertThat(placed).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 10, "b", 10, "d", 10)));
  }

  @Test
  void aPeerThatFailedOrWentOfflineGetsNoPost() {
    servers.set(3, server("d", ServerRole.REDUNDANT_SECONDARY, NOW.minusSeconds(3600)));
    PeerRanking ranking = ranking("a");
    ranking.recordFailure("b");
    PostPlacement placement = new PostPlacement(ranking);
    for (int i = 0; i < 10; i++) {
      assertThat(placement.next()).isEqualTo(Optional.empty());
    }
    ranking.recordSuccess("b");
    List<String> next = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      next.add(placement.next().map(ServerRecord::id).orElse("a"));
    }
    assertThat(next).containsOnly("a", "b").contains("a", "b");
  }

  private PeerRanking ranking(String self) {
    ServerRegistry registry = new ServerRegistry() {
      @Override
      public void register(ServerRecord server) {
        servers.add(server);
      }

      @Override
      public void heartbeat(String serverId, Instant now) {
        // The fixed clock never moves: heartbeats change nothing here.
      }

      @Override
      public List<ServerRecord> servers() {
        return List.copyOf(servers);
      }
    };
    PeerView view = new PeerView(self, registry);
    view.refresh();
    return new PeerRanking(view, CLOCK, new RankingPolicy(Duration.ofSeconds(30), Duration.ofSeconds(60), 3));
  }

  private static ServerRecord server(String id, ServerRole role, Instant lastSeen) {
    return new ServerRecord(id, URI.create("https://" + id + ".example:8443"), role, StorageMode.LOCAL, "0.1.0",
        lastSeen);
  }

  private static List<String> ids(List<ServerRecord> records) {
    return records.stream().map(ServerRecord::id).toList();
  }
}
