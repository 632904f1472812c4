package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.ClusterServer;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.WriteOptions;
import dev.cvos.domain.relay.Eventually;
import dev.cvos.domain.relay.RelayBound;
import dev.cvos.server.persistence.TestingDatabase;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relay's limits and peer ranking, shown until now against a fake gateway only
 * (RelayGetTest), here against three real server processes: a primary A whose relay may hold
 * only {@value #RELAY_THREADS} threads, and secondaries B and C. C is paused (SIGSTOP) to play a
 * peer that does not answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayLimitsProcessTest {
  private static final int RELAY_THREADS = 4;
  private static final Duration RELAY_TIMEOUT = Duration.ofMillis(2000);
  private static final Duration MARGIN = Duration.ofMillis(250);
  private static final String BUCKET = "limits";

  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode c;
  private final ExecutorService clients = Executors.newCachedThreadPool();

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> timing = Map.of(
        "registry.interval", "500ms",
        "registry.heartbeat-interval", "300ms",
        // long enough that a paused server stays in the relay's list for the whole test
        "registry.offline-after", "60s",
        "relay.timeout", RELAY_TIMEOUT.toMillis() + "ms",
        "relay.margin", MARGIN.toMillis() + "ms",
        "relay.max-threads", Integer.toString(RELAY_THREADS),
        // longer than the test: a deprioritized peer comes back only by answering
        "peer.cooldown", "10m");
    a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, timing);
    c = new ClusterNode("node-c", "redundant-secondary", temp.resolve("c"), database, timing);
    for (ClusterNode node : List.of(a, b, c)) {
      node.start();
    }
    for (ClusterNode node : List.of(a, b, c)) {
      node.awaitStarted();
    }
    Eventually.within(Duration.ofSeconds(30), () -> assertThat(state(a, "node-b")).isEqualTo("healthy"));
    Eventually.within(Duration.ofSeconds(30), () -> assertThat(state(a, "node-c")).isEqualTo("healthy"));
    // The object catalog answers a key nobody wrote with 404 without asking anybody, so every key
    // these tests relay for is written through C first: the catalog names C as its only holder, and
    // a HEAD of it through A must ask C. Once A reaches B and C, both warm-up objects are relayed.
    b.client().put(BUCKET, "warm-up-b", BodyPublishers.ofString("b"), WriteOptions.none());
    storeOnC("warm-up-c");
    for (int i = 0; i < 3 * RELAY_THREADS; i++) {
      storeOnC("held-by-c-" + i);
    }
    storeOnC("held-while-c-sleeps");
    Eventually.within(Duration.ofSeconds(30), () -> {
      assertThat(head("warm-up-b").statusCode()).isEqualTo(200);
      assertThat(head("warm-up-c").statusCode()).isEqualTo(200);
    });
  }

  private void storeOnC(String key) throws Exception {
    c.client().put(BUCKET, key, BodyPublishers.ofString(key), WriteOptions.none());
  }

  @AfterAll
  void stopCluster() throws Exception {
    clients.shutdownNow();
    for (ClusterNode node : Stream.of(a, b, c).filter(n -> n != null).toList()) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void relaysBeyondTheRelayThreadsAreAnswered503AtOnceWhileThePeerThatHangsHoldsTheOthers() throws Exception {
    c.signal("STOP");
    try {
      // each HEAD asks C, the only holder, which holds a relay thread until the timeout
      List<Future<Long>> heads = new ArrayList<>();
      for (int i = 0; i < 3 * RELAY_THREADS; i++) {
        String key = "held-by-c-" + i;
        heads.add(clients.submit(() -> {
          long start = System.nanoTime();
          HttpResponse<String> answer = head(key);
          assertThat(answer.statusCode()).as("HEAD %s", key).isEqualTo(503);
          assertThat(answer.headers().firstValue("Retry-After")).as("HEAD %s Retry-After", key).isPresent();
          return System.nanoTime() - start;
        }));
      }
      List<Duration> took = new ArrayList<>();
      for (Future<Long> head : heads) {
        took.add(Duration.ofNanos(head.get(60, TimeUnit.SECONDS)));
      }

      // The ones that got relay threads waited the relay timeout for C; the refused ones did not
      // wait for anybody. Without the bound every HEAD would wait the timeout.
      assertThat(took).as("answered before the relay timeout: refused, not relayed")
          .anyMatch(t -> t.compareTo(RELAY_TIMEOUT) < 0);
      assertThat(took).as("relayed, waiting for C")
          .anyMatch(t -> t.compareTo(RELAY_TIMEOUT) >= 0)
          .allMatch(t -> t.compareTo(RelayBound.of(RELAY_TIMEOUT, MARGIN).plus(RELAY_TIMEOUT)) < 0);
    } finally {
      c.signal("CONT");
    }
  }

  @Test
  @Order(2)
  void aPeerThatDidNotAnswerIsDeprioritizedAndRestoredOnceItAnswersAgain() throws Exception {
    c.signal("STOP");
    try {
      assertThat(head("held-while-c-sleeps").statusCode()).as("its only holder does not answer").isEqualTo(503);
      assertThat(state(a, "node-c")).isEqualTo("deprioritized");
      assertThat(state(a, "node-b")).isEqualTo("healthy");
    } finally {
      c.signal("CONT");
    }

    // still asked, last: once C answers again, A ranks it healthy
    Eventually.within(Duration.ofSeconds(30), () -> {
      assertThat(head("held-while-c-sleeps").statusCode()).isEqualTo(200);
      assertThat(state(a, "node-c")).isEqualTo("healthy");
    });
  }

  private HttpResponse<String> head(String key) throws Exception {
    return a.client().exchange("HEAD", CvosPaths.object(BUCKET, key), Map.of(), BodyPublishers.noBody());
  }

  private static String state(ClusterNode node, String serverId) throws Exception {
    return node.client().cluster().servers().stream().filter(s -> s.id().equals(serverId))
        .map(ClusterServer::state).findFirst().orElse("absent");
  }
}
