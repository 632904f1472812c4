package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.relay.LocationHint;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerState;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.domain.relay.RankingPolicy;
import dev.cvos.domain.relay.Relay;
import dev.cvos.domain.relay.RelayBound;
import dev.cvos.domain.relay.RelayOutcome;
import dev.cvos.domain.relay.RelayPolicy;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.StoredObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The relay use case over the real HTTPS gateway, against two real test peers. */
@Timeout(120)
class RelayOverHttpsTest {
  private static final RelayPolicy POLICY =
      new RelayPolicy(Duration.ofMillis(800), Duration.ofMillis(200), 4, Duration.ZERO);

  @TempDir static Path dir;
  private static TestCertificates certificates;
  private static String bigSha256;
  private TestPeer first;
  private TestPeer second;
  private HttpPeerGateway gateway;
  private ExecutorService executor;
  private PeerRanking ranking;
  private Relay relay;

  @BeforeEach
  void start() throws Exception {
    if (certificates == null) {
      certificates = TestCertificates.generate(dir, "peer");
    }
    if (bigSha256 == null) {
      bigSha256 = TestObjects.patternSha256(TestPeer.BIG_SIZE);
    }
    first = new TestPeer("s1", certificates, bigSha256);
    second = new TestPeer("s2", certificates, bigSha256);
    gateway = HttpPeerGateway.start(new PeerClientSettings(TestPeer.PEER_KEY, Duration.ofSeconds(2),
        Duration.ofSeconds(10), 8), PeerTrust.pkcs12(certificates.truststore(), certificates.password()));
    List<ServerRecord> servers = List.of(first.record(), second.record());
    ServerRegistry registry = new ServerRegistry() {
      @Override
      public void register(ServerRecord server) {
        throw new IllegalStateException("read only");
      }

      @Override
      public void heartbeat(String serverId, Instant now) {
        throw new IllegalStateException("read only");
      }

      @Override
      public List<ServerRecord> servers() {
        return servers;
      }
    };
    // Warm the pool: the first TLS handshake of a cold JVM on a busy machine can take longer than
    // the short relay timeout these tests use; a running server keeps its peer connections pooled.
    for (ServerRecord server : servers) {
      assertThat(gateway.stat(server, "img", "small",
          dev.cvos.domain.relay.Deadline.after(Duration.ofSeconds(30))))
          .isInstanceOf(dev.cvos.domain.relay.PeerAnswer.Found.class);
    }
    PeerView view = new PeerView("self", registry);
    view.refresh();
    ranking = new PeerRanking(view, Clock.systemUTC(), RankingPolicy.DEFAULT);
    executor = Executors.newCachedThreadPool();
    relay = new Relay(ranking, gateway, LocationHint.serverIdPrefix(), POLICY, executor);
  }

  @AfterEach
  void stop() throws Exception {
    first.close();
    second.close();
    gateway.close();
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void relayFindsTheObjectOnOnePeerWhileTheOtherHangs() throws Exception {
    second.hanging.add("small");
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome = relay.get("img", "small", ByteRange.ALL);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(POLICY.timeout());
    RelayOutcome.Found<StoredObject> found = (RelayOutcome.Found<StoredObject>) outcome;
    assertThat(found.source()).isEqualTo("s1");
    try (StoredObject object = found.value()) {
      assertThat(object.body().readAllBytes()).isEqualTo(TestObjects.SMALL);
    }
  }

  @Test
  void relayAnswersUnavailableInTimeWhenThePeerThatSaidNothingHangs() throws Exception {
    first.absent.add("small");
    second.hanging.add("small");
    long start = System.nanoTime();

    RelayOutcome<StoredObject> outcome = relay.get("img", "small", ByteRange.ALL);

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(RelayBound.of(POLICY));
    assertThat(((RelayOutcome.Unavailable<StoredObject>) outcome).peers()).containsExactly("s2");
    assertThat(ranking.state(second.record())).isEqualTo(PeerState.DEPRIORITIZED);
  }

  @Test
  void relayAnswersNotFoundWhenBothPeersSayNo() throws Exception {
    first.absent.add("small");
    second.absent.add("small");

    assertThat(relay.get("img", "small", ByteRange.ALL)).isInstanceOf(RelayOutcome.NotFound.class);
    assertThat(relay.stat("img", "small")).isInstanceOf(RelayOutcome.NotFound.class);
  }

  @Test
  void theWinnerStreamsAndTheLosersExchangeIsAbortedNotDrained() throws Exception {
    RelayOutcome<StoredObject> outcome = relay.get("img", "big", ByteRange.ALL);

    try (StoredObject object = ((RelayOutcome.Found<StoredObject>) outcome).value()) {
      long[] count = new long[1];
      assertThat(TestObjects.sha256(object.body(), count)).isEqualTo(object.metadata().sha256());
      assertThat(count[0]).isEqualTo(TestPeer.BIG_SIZE);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    int bigRequests = count(first, "/big") + count(second, "/big");
    while (System.nanoTime() < deadline
        && first.bigCompleted.get() + second.bigCompleted.get()
            + first.bigAborted.get() + second.bigAborted.get() < bigRequests) {
      Thread.sleep(20);
    }
    assertThat(first.bigCompleted.get() + second.bigCompleted.get()).isEqualTo(1);
    assertThat(first.bigAborted.get() + second.bigAborted.get()).isEqualTo(bigRequests - 1);
  }

  private static int count(TestPeer peer, String suffix) {
    return (int) peer.uris.stream().filter(uri -> uri.endsWith(suffix)).count();
  }
}
