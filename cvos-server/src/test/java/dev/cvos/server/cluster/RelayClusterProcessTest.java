package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.ClusterServer;
import dev.cvos.api.ClusterView;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.domain.relay.Eventually;
import dev.cvos.domain.relay.RelayBound;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * Three storing servers as real JVM processes (the production {@code main}) over one test
 * database, each with its own local storage and self-signed certificate, talking HTTPS: a primary
 * A and redundant secondaries B and C. The servers are started once; the tests that stop or kill C
 * run last, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayClusterProcessTest {
  private static final Duration RELAY_TIMEOUT = Duration.ofMillis(1500);
  private static final Duration MARGIN = Duration.ofMillis(250);
  private static final String BUCKET = "photos";

  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode c;

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> timing = Map.of(
        "registry.interval", "500ms",
        "registry.heartbeat-interval", "300ms",
        "registry.offline-after", "3s",
        "relay.timeout", RELAY_TIMEOUT.toMillis() + "ms",
        "relay.margin", MARGIN.toMillis() + "ms",
        "peer.cooldown", "20s",
        // three checks (750 ms) stay below the relay timeout: a server paused long enough to miss a
        // relayed DELETE holds its reads when it resumes until it has applied the deletion
        "registry.deletion-check-interval", "250ms");
    a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, timing);
    c = new ClusterNode("node-c", "redundant-secondary", temp.resolve("c"), database, timing);
    for (ClusterNode node : List.of(a, b, c)) {
      node.start();
    }
    for (ClusterNode node : List.of(a, b, c)) {
      node.awaitStarted();
    }
    for (ClusterNode node : List.of(a, b, c)) {
      eventually(Duration.ofSeconds(20), () -> healthyServers(node) == 3);
    }
    // The certificates are trusted in the registry pass that listed them: wait until every server
    // reaches both others (a HEAD no server can answer is 404 only once both said no).
    for (ClusterNode node : List.of(a, b, c)) {
      Eventually.within(Duration.ofSeconds(30), () -> assertThat(node.client().exchange("HEAD",
          CvosPaths.object(BUCKET, "warm-up"), Map.of(), BodyPublishers.noBody()).statusCode()).isEqualTo(404));
    }
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (ClusterNode node : Stream.of(a, b, c).filter(n -> n != null).toList()) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void objectPostedOnPrimaryIsReadOnSecondaryWithItsSource() throws Exception {
    Written written = a.client().post(BUCKET, BodyPublishers.ofString("hello relay"), WriteOptions.none());

    HttpResponse<InputStream> got = b.client().get(BUCKET, written.info().key(), Map.of());

    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(body(got)).isEqualTo("hello relay");
    assertThat(got.headers().firstValue("X-Cvos-Source")).hasValue("node-a");
    assertThat(got.headers().firstValue("X-Cvos-Server")).hasValue("node-b");
    assertThat(got.headers().firstValue("ETag")).hasValue("\"" + written.info().sha256() + "\"");
    HttpResponse<Void> head = c.client().head(BUCKET, written.info().key());
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("X-Cvos-Source")).hasValue("node-a");
    assertThat(head.headers().firstValue("Content-Length")).hasValue("11");
  }

  @Test
  @Order(2)
  void rangeAndIfNoneMatchWorkThroughTheRelay() throws Exception {
    Written written = a.client().put(BUCKET, "docs/range.txt", BodyPublishers.ofString("0123456789"),
        WriteOptions.none());

    HttpResponse<InputStream> ranged = b.client().get(BUCKET, "docs/range.txt", Map.of("Range", "bytes=2-5"));
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(body(ranged)).isEqualTo("2345");
    assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");

    HttpResponse<InputStream> beyond = b.client().get(BUCKET, "docs/range.txt", Map.of("Range", "bytes=50-60"));
    assertThat(beyond.statusCode()).isEqualTo(416);
    assertThat(beyond.headers().firstValue("Content-Range")).hasValue("bytes */10");
    body(beyond);

    HttpResponse<InputStream> notModified = b.client().get(BUCKET, "docs/range.txt",
        Map.of("If-None-Match", "\"" + written.info().sha256() + "\""));
    assertThat(notModified.statusCode()).isEqualTo(304);
    body(notModified);
  }

  @Test
  @Order(3)
  void keyWithPercentSignIsRelayed() throws Exception {
    a.client().put(BUCKET, "100%/done", BodyPublishers.ofString("percent"), WriteOptions.none());

    HttpResponse<InputStream> got = c.client().get(BUCKET, "100%/done", Map.of());

    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(body(got)).isEqualTo("percent");
  }

  @Test
  @Order(3)
  void largeObjectStreamsThroughTheRelayWithoutFittingInTheHeap() throws Exception {
    long size = 96L << 20;
    a.client().put(BUCKET, "big/object", BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new PatternStream(size, 7)), size), WriteOptions.none());
    HttpResponse<InputStream> got = b.client().get(BUCKET, "big/object", Map.of());

    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.headers().firstValue("X-Cvos-Source")).hasValue("node-a");
    try (InputStream in = got.body()) {
      assertThat(PatternStream.sha256(in)).as("B's heap is %s", ClusterNode.HEAP).isEqualTo(PatternStream.sha256(size, 7));
    }
  }

  @Test
  @Order(4)
  void objectNoServerHasIsNotFound() throws Exception {
    HttpResponse<String> missing = b.client().exchange("GET", CvosPaths.object(BUCKET, "node-a.nobody-has-this"),
        Map.of(), BodyPublishers.noBody());

    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(b.client().errorBody(missing.body()).error()).isEqualTo("not_found");
  }

  @Test
  @Order(5)
  void relayedMarkerWithoutAPeersClientCertificateIsForbidden() throws Exception {
    Written onA = a.client().put(BUCKET, "marker/one", BodyPublishers.ofString("m"), WriteOptions.none());

    HttpResponse<String> forged = b.client().exchange("GET", CvosPaths.object(BUCKET, onA.info().key()),
        Map.of("X-Cvos-Relayed", "1"), BodyPublishers.noBody());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(b.client().errorBody(forged.body()).error()).isEqualTo("forbidden");

    HttpResponse<String> wrongPeerKey = b.client().exchange("GET", CvosPaths.object(BUCKET, onA.info().key()),
        Map.of("X-Cvos-Relayed", "1", "Authorization", "Bearer not-the-peer-key-0123456789"), BodyPublishers.noBody());
    assertThat(wrongPeerKey.statusCode()).isEqualTo(403);

    // The peer key alone no longer makes a peer: a registered client certificate is needed too
    // (PeerTrustProcessTest sends one, and B then answers from its own storage only).
    HttpResponse<String> keyOnly = b.client().exchange("GET", CvosPaths.object(BUCKET, onA.info().key()),
        Map.of("X-Cvos-Relayed", "1", "Authorization", "Bearer " + ClusterNode.PEER_KEY), BodyPublishers.noBody());
    assertThat(keyOnly.statusCode()).isEqualTo(403);
  }

  @Test
  @Order(6)
  void listingShowsTheKeysOfEveryServer() throws Exception {
    a.client().put(BUCKET, "list/1", BodyPublishers.ofString("1"), WriteOptions.none());
    b.client().put(BUCKET, "list/2", BodyPublishers.ofString("2"), WriteOptions.none());
    c.client().put(BUCKET, "list/3", BodyPublishers.ofString("3"), WriteOptions.none());

    List<String> keys = b.client().list(BUCKET, "list/", null, null).items().stream().map(ObjectInfo::key).toList();

    assertThat(keys).containsExactly("list/1", "list/2", "list/3");
  }

  @Test
  @Order(7)
  void createOnlyPutFailsWhenAnotherServerHasTheKey() throws Exception {
    a.client().put(BUCKET, "unique/key", BodyPublishers.ofString("first"), WriteOptions.none());

    HttpResponse<String> second = b.client().exchange("PUT", CvosPaths.object(BUCKET, "unique/key"),
        Map.of("If-None-Match", "*"), BodyPublishers.ofString("second"));

    assertThat(second.statusCode()).isEqualTo(412);
    HttpResponse<InputStream> kept = b.client().get(BUCKET, "unique/key", Map.of());
    assertThat(kept.headers().firstValue("X-Cvos-Source")).as("b stored nothing").hasValue("node-a");
    assertThat(body(kept)).isEqualTo("first");
    HttpResponse<String> fresh = b.client().exchange("PUT", CvosPaths.object(BUCKET, "unique/fresh"),
        Map.of("If-None-Match", "*"), BodyPublishers.ofString("fresh"));
    assertThat(fresh.statusCode()).as("no server has it").isEqualTo(201);
  }

  @Test
  @Order(8)
  void deleteOnSecondaryRemovesThePrimarysCopy() throws Exception {
    Written written = a.client().post(BUCKET, BodyPublishers.ofString("to delete"), WriteOptions.none());
    String key = written.info().key();

    assertThat(b.client().delete(BUCKET, key)).isTrue();

    assertThat(a.client().get(BUCKET, key, Map.of()).statusCode()).isEqualTo(404);
    assertThat(b.client().delete(BUCKET, key)).as("no server has it any more").isFalse();
  }

  @Test
  @Order(9)
  void stoppedServerMakesAReadUnavailableNotMissingAndIsDeprioritizedThenOffline() throws Exception {
    Written onC = c.client().post(BUCKET, BodyPublishers.ofString("only on c"), WriteOptions.none());
    c.signal("STOP");
    try {
      Instant started = Instant.now();
      HttpResponse<String> answer = a.client().exchange("GET", CvosPaths.object(BUCKET, onC.info().key()),
          Map.of(), BodyPublishers.noBody());
      Duration took = Duration.between(started, Instant.now());

      assertThat(answer.statusCode()).isEqualTo(503);
      assertThat(answer.headers().firstValue("Retry-After")).isPresent();
      assertThat(a.client().errorBody(answer.body()).error()).isEqualTo("unavailable");
      assertThat(took).isLessThan(RelayBound.of(RELAY_TIMEOUT, MARGIN));
      assertThat(state(a, "node-c")).isEqualTo("deprioritized");
      eventually(Duration.ofSeconds(10), () -> "offline".equals(state(a, "node-c")));
    } finally {
      c.signal("CONT");
    }
    eventually(Duration.ofSeconds(10), () -> c.client().get(BUCKET, onC.info().key(), Map.of()).statusCode() == 200);
  }

  @Test
  @Order(10)
  void deletionTakenWhileAServerIsPausedIsNeverServedWhenItResumes() throws Exception {
    Written onC = c.client().post(BUCKET, BodyPublishers.ofString("paused on c"), WriteOptions.none());
    String path = CvosPaths.object(BUCKET, onC.info().key());
    c.signal("STOP");
    try {
      HttpResponse<String> deleted = a.client().exchange("DELETE", path, Map.of(), BodyPublishers.noBody());
      assertThat(deleted.statusCode())
          .as("the catalog knows the key: the deletion is taken, and recorded for the paused holder").isEqualTo(204);
    } finally {
      c.signal("CONT");
    }

    HttpResponse<String> first = c.client().exchange("GET", path, Map.of(), BodyPublishers.noBody());

    assertThat(first.statusCode()).as("held (503) or already applied (404), never served").isIn(404, 503);
    eventually(Duration.ofSeconds(10),
        () -> c.client().exchange("GET", path, Map.of(), BodyPublishers.noBody()).statusCode() == 404);
  }

  @Test
  @Order(11)
  void deletionTakenWhileAServerIsDownIsAppliedBeforeItServesAgain() throws Exception {
    a.client().put(BUCKET, "shared/copy", BodyPublishers.ofString("copy on a"), WriteOptions.none());
    c.client().put(BUCKET, "shared/copy", BodyPublishers.ofString("copy on c"), WriteOptions.none());
    c.client().put(BUCKET, "only/on-c", BodyPublishers.ofString("only on c"), WriteOptions.none());
    Path copyOnC = c.storageRoot().resolve(ObjectFileLayout.pathOf(BUCKET, "shared/copy").relativePath());
    assertThat(copyOnC).exists();
    c.kill();

    HttpResponse<String> deleted = b.client().exchange("DELETE", CvosPaths.object(BUCKET, "shared/copy"),
        Map.of(), BodyPublishers.noBody());
    assertThat(deleted.statusCode()).as("a's copy was deleted; c's is recorded").isEqualTo(204);
    HttpResponse<String> unknown = b.client().exchange("DELETE", CvosPaths.object(BUCKET, "only/on-c"),
        Map.of(), BodyPublishers.noBody());
    assertThat(unknown.statusCode())
        .as("the catalog knows c holds it: the deletion is taken, and recorded for c").isEqualTo(204);

    c.start();
    Instant deadline = Instant.now().plusSeconds(60);
    boolean ready = false;
    while (!ready && Instant.now().isBefore(deadline)) {
      if (c.process().output().contains("started:")) {
        c.awaitStarted();
        ready = true;
      } else {
        Thread.sleep(50);
      }
    }
    // A returning server answers reads with 503 until it has applied the deletions it missed; it
    // says it is ready once they are applied. Wait for that, as a load balancer would.
    Instant readyBy = Instant.now().plusSeconds(60);
    while (c.client().exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody()).statusCode() != 200
        && Instant.now().isBefore(readyBy)) {
      Thread.sleep(100);
    }
    HttpResponse<String> afterRestart = c.client().exchange("GET", CvosPaths.object(BUCKET, "shared/copy"),
        Map.of(), BodyPublishers.noBody());
    assertThat(afterRestart.statusCode()).isEqualTo(404);
    assertThat(c.client().get(BUCKET, "only/on-c", Map.of()).statusCode()).isEqualTo(404);
    assertThat(c.process().output()).contains("applied 2 deletions taken while this server could not be reached");
    assertThat(copyOnC).doesNotExist();
    assertThat(c.client().exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody()).statusCode())
        .isEqualTo(200);
    assertThat(b.client().get(BUCKET, "shared/copy", Map.of()).statusCode()).isEqualTo(404);
  }

  private String state(ClusterNode node, String serverId) throws IOException, InterruptedException {
    ClusterView view = node.client().cluster();
    return view.servers().stream().filter(s -> s.id().equals(serverId)).map(ClusterServer::state)
        .findFirst().orElse("absent");
  }

  private static long healthyServers(ClusterNode node) throws IOException, InterruptedException {
    return node.client().cluster().servers().stream().filter(s -> s.state().equals("healthy")).count();
  }

  private static String body(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  private static void eventually(Duration timeout, Check check) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(check.holds()).as("condition within " + timeout).isTrue();
  }
}
