package dev.cvos.domain.relay;

import static dev.cvos.domain.cluster.ServerRole.PRIMARY;
import static dev.cvos.domain.cluster.ServerRole.REDUNDANT_SECONDARY;
import static dev.cvos.domain.cluster.ServerRole.SIMPLE_SECONDARY;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HANGS;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HAS_IT;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HAS_IT_AFTER_DELAY;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HAS_IT_TOGETHER;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.NOT_FOUND;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.NOT_FOUND_AFTER_DELAY;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.RANGE_NOT_SATISFIABLE;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.REFUSES;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.SLOW_BUT_CANCELLABLE;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.TIMES_OUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.RangeNotSatisfiableException;
import dev.cvos.storage.spi.StoredObject;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayGetTest {
  private static final RelayPolicy POLICY =
      new RelayPolicy(Duration.ofMillis(600), Duration.ofMillis(100), 8, Duration.ofMillis(100));
  /**
   * For the checks that an answer comes before the timeout, i.e. without waiting for a slow peer:
   * the slow peers wait until they are cancelled, so a relay that waited for them would take the
   * whole timeout; 5 s leaves a loaded machine room that POLICY's 600 ms did not (450 ms over the
   * gateway's 150 ms delay), without loosening what is checked.
   */
  private static final RelayPolicy LONG_TIMEOUT =
      new RelayPolicy(Duration.ofSeconds(5), Duration.ofMillis(100), 8, Duration.ofMillis(100));

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeGateway gateway = new FakeGateway();
  private final TestCluster cluster = new TestCluster()
      .with("a", PRIMARY)
      .with("b", REDUNDANT_SECONDARY)
      .with("c", REDUNDANT_SECONDARY)
      .with(TestCluster.SELF, REDUNDANT_SECONDARY);

  @AfterEach
  void stop() throws InterruptedException {
    gateway.release.countDown();
    executor.shutdownNow();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private Relay relay(RelayPolicy policy) {
    return new Relay(cluster.ranking, gateway, LocationHint.serverIdPrefix(), policy, executor);
  }

  @Test
  void getRelaysToHintedServerFirstAndAsksNoOtherWhenItHasTheObject() throws Exception {
    gateway.with("c", HAS_IT).with("a", HAS_IT);

    RelayOutcome<StoredObject> outcome = relay(POLICY).get("img", "users/c.k3j4", ByteRange.ALL);

    assertThat(outcome).isInstanceOf(RelayOutcome.Found.class);
    RelayOutcome.Found<StoredObject> found = (RelayOutcome.Found<StoredObject>) outcome;
    assertThat(found.source()).isEqualTo("c");
    try (StoredObject object = found.value()) {
      assertThat(new String(object.body().readAllBytes())).isEqualTo("object from c");
    }
    assertThat(gateway.calls).containsExactly("c");
  }

  @Test
  void getAsksTheOthersAtOnceWhenTheHintedServerSaysNo() throws Exception {
    gateway.with("c", NOT_FOUND).with("b", HAS_IT);
    RelayPolicy longHeadStart =
        new RelayPolicy(Duration.ofSeconds(10), Duration.ofMillis(100), 8, Duration.ofSeconds(5));
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome = relay(longHeadStart).get("img", "c.k3j4", ByteRange.ALL);

    assertThat(((RelayOutcome.Found<StoredObject>) outcome).source()).isEqualTo("b");
    assertThat(gateway.calls.get(0)).isEqualTo("c");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    ((RelayOutcome.Found<StoredObject>) outcome).value().close();
  }

  @Test
  void getAsksTheOthersAfterTheHeadStartWhenTheHintedServerIsSlow() throws Exception {
    gateway.with("c", SLOW_BUT_CANCELLABLE).with("a", HAS_IT);

    RelayOutcome<StoredObject> outcome = relay(POLICY).get("img", "c.k3j4", ByteRange.ALL);

    assertThat(((RelayOutcome.Found<StoredObject>) outcome).source()).isEqualTo("a");
    assertThat(gateway.calls.get(0)).isEqualTo("c");
    Eventually.within(Duration.ofSeconds(2), () -> assertThat(gateway.interrupted).contains("c"));
    ((RelayOutcome.Found<StoredObject>) outcome).value().close();
  }

  @Test
  void getIgnoresAHintThatNamesNoRegisteredStoringPeer() throws Exception {
    gateway.with("b", HAS_IT);

    RelayOutcome<StoredObject> outcome = relay(POLICY).get("img", "zz.k3j4", ByteRange.ALL);

    assertThat(((RelayOutcome.Found<StoredObject>) outcome).source()).isEqualTo("b");
    assertThat(gateway.calls).doesNotContain("zz", TestCluster.SELF);
    ((RelayOutcome.Found<StoredObject>) outcome).value().close();
  }

  @Test
  void firstHitWinsAndTheLosersBodiesAreClosed() throws Exception {
    gateway.with("a", HAS_IT_TOGETHER).with("b", HAS_IT_TOGETHER).with("c", HAS_IT_TOGETHER);

    RelayOutcome<StoredObject> outcome =
        relay(new RelayPolicy(Duration.ofSeconds(1), Duration.ofMillis(100), 8, Duration.ZERO))
            .get("img", "plain-key", ByteRange.ALL);

    RelayOutcome.Found<StoredObject> found = (RelayOutcome.Found<StoredObject>) outcome;
    Eventually.within(Duration.ofSeconds(2), () -> {
      assertThat(gateway.bodies).hasSize(3);
      gateway.bodies.forEach((peer, body) ->
          assertThat(body.closed).as("body of " + peer).isEqualTo(!peer.equals(found.source())));
    });
    found.value().close();
    assertThat(gateway.bodies.get(found.source()).closed).isTrue();
  }

  @Test
  void slowerPeersAreCancelledOnceOneHasTheObject() throws Exception {
    gateway.with("a", SLOW_BUT_CANCELLABLE).with("b", SLOW_BUT_CANCELLABLE).with("c", HAS_IT_AFTER_DELAY);
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome = relay(LONG_TIMEOUT).get("img", "plain-key", ByteRange.ALL);

    assertThat(((RelayOutcome.Found<StoredObject>) outcome).source()).isEqualTo("c");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LONG_TIMEOUT.timeout());
    Eventually.within(Duration.ofSeconds(2), () -> assertThat(gateway.interrupted).containsExactlyInAnyOrder("a", "b"));
    ((RelayOutcome.Found<StoredObject>) outcome).value().close();
    assertThat(cluster.ranking.order()).extracting(RankedPeer::state).containsOnly(PeerState.HEALTHY);
  }

  @Test
  void getAnswersNotFoundOnlyWhenEveryStoringPeerSaidNo() throws Exception {
    gateway.with("a", NOT_FOUND).with("b", NOT_FOUND_AFTER_DELAY).with("c", NOT_FOUND);

    assertThat(relay(POLICY).get("img", "b.x", ByteRange.ALL)).isInstanceOf(RelayOutcome.NotFound.class);
    assertThat(gateway.calls).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void getAnswersUnavailableWhenOnePeerTimedOutAndDeprioritizesIt() throws Exception {
    gateway.with("a", NOT_FOUND).with("b", TIMES_OUT).with("c", NOT_FOUND);

    RelayOutcome<StoredObject> outcome = relay(POLICY).get("img", "x", ByteRange.ALL);

    assertThat(outcome).isInstanceOf(RelayOutcome.Unavailable.class);
    assertThat(((RelayOutcome.Unavailable<StoredObject>) outcome).peers()).containsExactly("b");
    assertThat(((RelayOutcome.Unavailable<StoredObject>) outcome).reason()).contains("b timed out");
    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("a", "c", "b");
  }

  @Test
  void getAnswersUnavailableWhenARefusingPeerCouldHoldTheObject() throws Exception {
    gateway.with("a", NOT_FOUND).with("b", REFUSES).with("c", NOT_FOUND);

    assertThat(relay(POLICY).get("img", "x", ByteRange.ALL)).isInstanceOf(RelayOutcome.Unavailable.class);
  }

  @Test
  void relayNeverTakesLongerThanTimeoutPlusMarginWhenAPeerHangs() throws Exception {
    gateway.with("a", NOT_FOUND).with("b", HANGS).with("c", NOT_FOUND);
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome = relay(POLICY).get("img", "b.x", ByteRange.ALL);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isBetween(POLICY.timeout(), RelayBound.of(POLICY));
    assertThat(((RelayOutcome.Unavailable<StoredObject>) outcome).peers()).containsExactly("b");
    assertThat(((RelayOutcome.Unavailable<StoredObject>) outcome).reason()).contains("no answer in time from b");
    assertThat(cluster.ranking.state(cluster.view.server("b").orElseThrow())).isEqualTo(PeerState.DEPRIORITIZED);
  }

  @Test
  void deprioritizedPeerIsAskedLastAndRestoredWhenItAnswers() throws Exception {
    cluster.ranking.recordFailure("a");
    gateway.with("a", HAS_IT).with("b", NOT_FOUND).with("c", NOT_FOUND);

    RelayOutcome<StoredObject> outcome = relay(POLICY).get("img", "a.k", ByteRange.ALL);

    assertThat(((RelayOutcome.Found<StoredObject>) outcome).source()).isEqualTo("a");
    assertThat(gateway.calls).hasSize(3);
    assertThat(gateway.calls.get(2)).isEqualTo("a");
    assertThat(cluster.ranking.order()).extracting(RankedPeer::id).containsExactly("a", "b", "c");
    ((RelayOutcome.Found<StoredObject>) outcome).value().close();
  }

  @Test
  void deprioritizedPeerIsAskedAfterTheHeadStartWhenAHealthyPeerIsSlow() throws Exception {
    cluster.ranking.recordFailure("a");
    gateway.with("a", HAS_IT).with("b", SLOW_BUT_CANCELLABLE).with("c", NOT_FOUND);
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome = relay(LONG_TIMEOUT).get("img", "k", ByteRange.ALL);

    assertThat(((RelayOutcome.Found<StoredObject>) outcome).source()).isEqualTo("a");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(LONG_TIMEOUT.headStart(), LONG_TIMEOUT.timeout());
    assertThat(gateway.calls.indexOf("a")).isEqualTo(2);
    ((RelayOutcome.Found<StoredObject>) outcome).value().close();
  }

  @Test
  void boundLimitsHowManyPeersAreAskedAtOnce() throws Exception {
    gateway.with("a", NOT_FOUND_AFTER_DELAY).with("b", NOT_FOUND_AFTER_DELAY).with("c", NOT_FOUND_AFTER_DELAY);
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome =
        relay(new RelayPolicy(Duration.ofSeconds(2), Duration.ofMillis(100), 1, Duration.ZERO))
            .get("img", "k", ByteRange.ALL);

    assertThat(outcome).isInstanceOf(RelayOutcome.NotFound.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(FakeGateway.DELAY.multipliedBy(3));
  }

  @Test
  void simpleSecondariesAndSelfAreNeverAsked() throws Exception {
    cluster.with("proxy", SIMPLE_SECONDARY);

    assertThat(relay(POLICY).get("img", "proxy.k", ByteRange.ALL)).isInstanceOf(RelayOutcome.NotFound.class);
    assertThat(relay(POLICY).get("img", TestCluster.SELF + ".k", ByteRange.ALL))
        .isInstanceOf(RelayOutcome.NotFound.class);
    assertThat(gateway.calls).containsOnly("a", "b", "c").hasSize(6);
  }

  @Test
  void aSingleServerAnswersNotFoundWithoutAskingAnyone() throws Exception {
    TestCluster alone = new TestCluster().with(TestCluster.SELF, PRIMARY);
    Relay relay = new Relay(alone.ranking, gateway, LocationHint.serverIdPrefix(), POLICY, executor);

    assertThat(relay.get("img", "k", ByteRange.ALL)).isInstanceOf(RelayOutcome.NotFound.class);
    assertThat(gateway.calls).isEmpty();
  }

  @Test
  void getThrowsRangeNotSatisfiableWhenThePeerWithTheObjectSaysSo() {
    gateway.with("b", RANGE_NOT_SATISFIABLE);

    assertThatThrownBy(() -> relay(POLICY).get("img", "b.k", ByteRange.from(100)))
        .isInstanceOf(RangeNotSatisfiableException.class)
        .satisfies(e -> assertThat(((RangeNotSatisfiableException) e).size()).isEqualTo(42));
  }

  @Test
  void statFindsMetadataOnThePeerThatHasIt() {
    gateway.with("c", HAS_IT);

    RelayOutcome<?> outcome = relay(POLICY).stat("img", "k");

    assertThat(((RelayOutcome.Found<?>) outcome).source()).isEqualTo("c");
  }

  @Test
  void executorThatRefusesCallsGivesUnavailableNotNotFound() throws Exception {
    ExecutorService closed = Executors.newSingleThreadExecutor();
    closed.shutdown();
    Relay relay = new Relay(cluster.ranking, gateway, LocationHint.none(), POLICY, closed);

    assertThat(relay.get("img", "k", ByteRange.ALL)).isInstanceOf(RelayOutcome.Unavailable.class);
    assertThat(cluster.ranking.order()).extracting(RankedPeer::state).containsOnly(PeerState.HEALTHY);
  }
}
