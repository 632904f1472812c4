package dev.cvos.domain.relay;

import static dev.cvos.domain.cluster.ServerRole.PRIMARY;
import static dev.cvos.domain.cluster.ServerRole.REDUNDANT_SECONDARY;
import static dev.cvos.domain.cluster.ServerRole.SIMPLE_SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PeerRankingTest {
  private final TestCluster cluster = new TestCluster()
      .with("a", PRIMARY)
      .with("b", REDUNDANT_SECONDARY)
      .with("c", REDUNDANT_SECONDARY)
      .with("proxy", SIMPLE_SECONDARY)
      .with(TestCluster.SELF, REDUNDANT_SECONDARY);

  @Test
  void orderHoldsStoringPeersOnlyInStableOrderWithoutSelfOrSimpleSecondaries() {
    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("a", "b", "c");
    assertThat(cluster.ranking.order()).extracting(RankedPeer::state).containsOnly(PeerState.HEALTHY);
  }

  @Test
  void failedPeerMovesToTheBackButIsStillAsked() {
    cluster.ranking.recordFailure("a");

    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("b", "c", "a");
    assertThat(cluster.ranking.order().get(2).state()).isEqualTo(PeerState.DEPRIORITIZED);
  }

  @Test
  void longestFailedDeprioritizedPeerIsAskedFirstAmongThem() {
    cluster.ranking.recordFailure("b");
    cluster.clock.advance(Duration.ofSeconds(1));
    cluster.ranking.recordFailure("a");

    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("c", "b", "a");
  }

  @Test
  void successRestoresADeprioritizedPeerAtOnce() {
    cluster.ranking.recordFailure("a");
    cluster.ranking.recordSuccess("a");

    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("a", "b", "c");
  }

  @Test
  void cooldownEndsByItselfWhenTheClockPassesIt() {
    cluster.ranking.recordFailure("a");

    cluster.clock.advance(Duration.ofSeconds(29));
    assertThat(cluster.ranking.state(cluster.view.server("a").orElseThrow()))
        .isEqualTo(PeerState.DEPRIORITIZED);

    cluster.clock.advance(Duration.ofSeconds(1));
    assertThat(cluster.ranking.state(cluster.view.server("a").orElseThrow()))
        .isEqualTo(PeerState.HEALTHY);
    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("a", "b", "c");
  }

  @Test
  void peerWithoutHeartbeatForTheConfiguredIntervalsIsOfflineAndAskedLast() {
    TestCluster stale = new TestCluster(new RankingPolicy(Duration.ofSeconds(30), Duration.ofSeconds(60), 2));
    stale.withSeen("a", PRIMARY, stale.clock.instant().minus(Duration.ofSeconds(121)))
        .withSeen("b", REDUNDANT_SECONDARY, stale.clock.instant().minus(Duration.ofSeconds(120)))
        .with("c", REDUNDANT_SECONDARY);
    stale.ranking.recordFailure("c");

    assertThat(stale.ranking.order())
        .extracting(RankedPeer::id, RankedPeer::state)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", PeerState.HEALTHY),
            org.assertj.core.groups.Tuple.tuple("c", PeerState.DEPRIORITIZED),
            org.assertj.core.groups.Tuple.tuple("a", PeerState.OFFLINE));
  }

  @Test
  void clusterViewListsEveryServerWithItsState() {
    cluster.ranking.recordFailure("b");

    assertThat(cluster.ranking.clusterView())
        .extracting(RankedPeer::id, peer -> peer.state().apiName())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "healthy"),
            org.assertj.core.groups.Tuple.tuple("b", "deprioritized"),
            org.assertj.core.groups.Tuple.tuple("c", "healthy"),
            org.assertj.core.groups.Tuple.tuple("proxy", "healthy"),
            org.assertj.core.groups.Tuple.tuple(TestCluster.SELF, "healthy"));
  }

  @Test
  void policyRejectsAZeroCooldownNamingIt() {
    assertThatThrownBy(() -> new RankingPolicy(Duration.ZERO, Duration.ofSeconds(60), 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cooldown");
  }
}
