package dev.cvos.domain.relay;

import static dev.cvos.domain.cluster.ServerRole.PRIMARY;
import static dev.cvos.domain.cluster.ServerRole.REDUNDANT_SECONDARY;
import static dev.cvos.domain.cluster.ServerRole.SIMPLE_SECONDARY;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HANGS;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HAS_IT;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.NOT_FOUND;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.REFUSES;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayDeleteTest {
  private static final RelayPolicy POLICY =
      new RelayPolicy(Duration.ofMillis(500), Duration.ofMillis(100), 2, Duration.ofMillis(100));

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeGateway gateway = new FakeGateway();
  private final TestCluster cluster = new TestCluster()
      .with("a", PRIMARY)
      .with("b", REDUNDANT_SECONDARY)
      .with("c", REDUNDANT_SECONDARY)
      .with("proxy", SIMPLE_SECONDARY)
      .with(TestCluster.SELF, PRIMARY);
  private final Relay relay =
      new Relay(cluster.ranking, gateway, LocationHint.serverIdPrefix(), POLICY, executor);

  @AfterEach
  void stop() throws InterruptedException {
    gateway.release.countDown();
    executor.shutdownNow();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void deleteAsksEveryStoringPeerEvenAfterOneHadACopy() {
    gateway.with("a", HAS_IT).with("b", NOT_FOUND).with("c", HAS_IT);

    DeleteOutcome outcome = relay.delete("img", "a.k");

    assertThat(outcome.deletedOn()).containsExactlyInAnyOrder("a", "c");
    assertThat(outcome.notFoundOn()).containsExactly("b");
    assertThat(outcome.anyDeleted()).isTrue();
    assertThat(outcome.complete()).isTrue();
    assertThat(gateway.calls).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void deleteSaysNoneHadItWhenEveryPeerAnsweredNo() {
    DeleteOutcome outcome = relay.delete("img", "k");

    assertThat(outcome.anyDeleted()).isFalse();
    assertThat(outcome.complete()).isTrue();
    assertThat(outcome.notFoundOn()).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void deleteReportsUnreachablePeersAndDeprioritizesThem() {
    gateway.with("a", HAS_IT).with("b", REFUSES).with("c", HANGS);
    long start = System.nanoTime();

    DeleteOutcome outcome = relay.delete("img", "k");

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(RelayBound.of(POLICY));
    assertThat(outcome.deletedOn()).containsExactly("a");
    assertThat(outcome.unreachable()).containsExactlyInAnyOrder("b", "c");
    assertThat(outcome.complete()).isFalse();
    assertThat(outcome.reason()).contains("b refused").contains("no answer in time from c");
    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("a", "b", "c");
    assertThat(cluster.ranking.order()).extracting(RankedPeer::state)
        .containsExactly(PeerState.HEALTHY, PeerState.DEPRIORITIZED, PeerState.DEPRIORITIZED);
  }

  @Test
  void deleteAsksDeprioritizedPeersLast() {
    cluster.ranking.recordFailure("a");
    Relay oneAtATime = new Relay(cluster.ranking, gateway, LocationHint.none(),
        new RelayPolicy(Duration.ofSeconds(1), Duration.ofMillis(100), 1, Duration.ZERO), executor);

    oneAtATime.delete("img", "k");

    assertThat(gateway.calls).containsExactly("b", "c", "a");
  }
}
