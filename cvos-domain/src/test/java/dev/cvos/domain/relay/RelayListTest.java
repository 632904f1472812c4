package dev.cvos.domain.relay;

import static dev.cvos.domain.cluster.ServerRole.PRIMARY;
import static dev.cvos.domain.cluster.ServerRole.REDUNDANT_SECONDARY;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HANGS;
import static dev.cvos.domain.relay.FakeGateway.Behaviour.HAS_IT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RelayListTest {
  private static final RelayPolicy POLICY =
      new RelayPolicy(Duration.ofMillis(500), Duration.ofMillis(100), 4, Duration.ZERO);

  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final FakeGateway gateway = new FakeGateway();
  private final TestCluster cluster = new TestCluster()
      .with("a", PRIMARY)
      .with("b", REDUNDANT_SECONDARY)
      .with(TestCluster.SELF, REDUNDANT_SECONDARY);
  private final Relay relay = new Relay(cluster.ranking, gateway, LocationHint.none(), POLICY, executor);

  @AfterEach
  void stop() throws InterruptedException {
    gateway.release.countDown();
    executor.shutdownNow();
    assertThat(executor.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
  }

  private static ObjectMetadata item(String key, long createdSecond) {
    return new ObjectMetadata("img", key, 1, "0".repeat(64), "text/plain",
        Instant.ofEpochSecond(createdSecond), null);
  }

  private static ObjectListing page(String next, ObjectMetadata... items) {
    return new ObjectListing(Arrays.asList(items), next);
  }

  @Test
  void listMergesEveryServersPageInKeyOrderUpToTheLimit() {
    gateway.with("a", HAS_IT).with("b", HAS_IT);
    gateway.pages.put("a", page(null, item("b1", 1), item("d1", 1)));
    gateway.pages.put("b", page(null, item("c1", 1)));

    ClusterListing listing = relay.list("img", new ListRequest("", null, 3), page(null, item("a1", 1), item("e1", 1)));

    assertThat(listing.complete()).isTrue();
    assertThat(listing.page().items()).extracting(ObjectMetadata::key).containsExactly("a1", "b1", "c1");
    assertThat(listing.page().next()).isEqualTo("c1");
  }

  @Test
  void listHasNoNextWhenEveryServerFitOnThePage() {
    gateway.with("a", HAS_IT).with("b", HAS_IT);
    gateway.pages.put("a", page(null, item("b1", 1)));

    ClusterListing listing = relay.list("img", new ListRequest("", null, 10), page(null, item("a1", 1)));

    assertThat(listing.page().items()).extracting(ObjectMetadata::key).containsExactly("a1", "b1");
    assertThat(listing.page().next()).isNull();
  }

  @Test
  void listKeepsOneNewestCopyOfAKeyHeldBySeveralServers() {
    gateway.with("a", HAS_IT).with("b", HAS_IT);
    gateway.pages.put("a", page(null, item("k", 5)));
    gateway.pages.put("b", page(null, item("k", 9)));

    ClusterListing listing = relay.list("img", new ListRequest("", null, 10), page(null, item("k", 7)));

    assertThat(listing.page().items()).containsExactly(item("k", 9));
  }

  @Test
  void listSaysThereIsMoreWhenAnyServerHasMore() {
    gateway.with("a", HAS_IT).with("b", HAS_IT);
    gateway.pages.put("a", page("b1", item("b1", 1)));

    ClusterListing listing = relay.list("img", new ListRequest("", null, 5), page(null, item("a1", 1)));

    assertThat(listing.page().next()).isEqualTo("b1");
  }

  @Test
  void listReportsAPeerThatHangsAsUnreachableWithinTheTimeout() {
    gateway.with("a", HAS_IT).with("b", HANGS);
    long start = System.nanoTime();

    ClusterListing listing = relay.list("img", ListRequest.firstPage(10), page(null));

    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isLessThan(RelayBound.of(POLICY));
    assertThat(listing.complete()).isFalse();
    assertThat(listing.unreachable()).isEqualTo(List.of("b"));
  }
}
