package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.ClusterServer;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.server.persistence.TestingDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
 * The object catalog's promises on a real cluster: three storing servers (primary A, redundant
 * secondaries B and C, each with its own local storage; C's clock runs ten minutes ahead) and a
 * simple secondary S, as real processes over one PostgreSQL. One current version per key whichever
 * server took the write; exactly one winner of racing create-only writes; a key the catalog does
 * not have is an authoritative 404 even while a storing server is dead. The tests that restart or
 * kill a server run last, in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatalogClusterProcessTest {
  private static final String BUCKET = "catalog";

  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode c;
  private ClusterNode s;
  private TestingDatabase database;

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    database = TestingDatabase.create();
    Map<String, String> timing = Map.of(
        "registry.interval", "500ms",
        "registry.heartbeat-interval", "300ms",
        "registry.offline-after", "3s",
        "relay.timeout", "1500ms",
        "peer.cooldown", "20s",
        "registry.deletion-check-interval", "250ms");
    a = new ClusterNode("cat-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("cat-b", "redundant-secondary", temp.resolve("b"), database, timing);
    c = new ClusterNode("cat-c", "redundant-secondary", temp.resolve("c"), database, timing)
        .withJvmOption("-Dcvos.test.clock-offset=PT10M");
    s = new ClusterNode("cat-s", "simple-secondary", temp.resolve("s"), database, timing);
    for (ClusterNode node : storing()) {
      node.start();
    }
    for (ClusterNode node : storing()) {
      node.awaitStarted();
    }
    s.start();
    s.awaitStarted();
    // C, whose clock is ahead, sees the others' heartbeats as old (the registry's liveness is judged
    // by clocks; object versions are not): only the others' views are waited for.
    for (ClusterNode node : List.of(a, b, s)) {
      eventually(Duration.ofSeconds(60), () -> healthyServers(node) == 4);
    }
    Thread.sleep(600); // certificates are trusted in the pass that read the list: one more pass
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (ClusterNode node : Stream.of(s, a, b, c).filter(n -> n != null).toList()) {
      node.close();
    }
  }

  private List<ClusterNode> storing() {
    return List.of(a, b, c);
  }

  private List<ClusterNode> all() {
    return List.of(a, b, c, s);
  }

  @Test
  @Order(1)
  void anOverwriteThroughAnyServerIsWhatEveryServerAnswers() throws Exception {
    List<ClusterNode> writers = List.of(a, b, b, a, s, c, a, s, b, c);
    long lastVersion = 0;
    for (int i = 0; i < 20; i++) {
      ClusterNode writer = writers.get(i % writers.size());
      String body = "version " + i + " through " + writer.id();
      Written written = writer.client().put(BUCKET, "flip", BodyPublishers.ofString(body), WriteOptions.none());
      long version = Long.parseLong(written.info().version());
      assertThat(version).as("write %d", i).isGreaterThan(lastVersion);
      lastVersion = version;
      for (ClusterNode reader : all()) {
        assertThat(read(reader, "flip")).as("write %d through %s, read through %s", i, writer.id(), reader.id())
            .isEqualTo(body);
      }
      for (ClusterNode reader : List.of(writer, a)) {
        assertThat(reader.client().head(BUCKET, "flip").headers().firstValue("X-Cvos-Version"))
            .as("the version through %s", reader.id()).hasValue(Long.toString(version));
      }
    }
  }

  @Test
  @Order(2)
  void ofThreeRacingCreateOnlyWritesExactlyOneWinsAndItsBodyIsStored() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 30; round++) {
        String key = "race/" + round;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> puts = new ArrayList<>();
        for (ClusterNode node : storing()) {
          Callable<HttpResponse<String>> put = () -> {
            go.await();
            return node.client().exchange("PUT", CvosPaths.object(BUCKET, key), Map.of("If-None-Match", "*"),
                BodyPublishers.ofString("won by " + node.id()));
          };
          puts.add(pool.submit(put));
        }
        go.countDown();
        List<Integer> statuses = new ArrayList<>();
        String winner = null;
        for (int i = 0; i < puts.size(); i++) {
          int status = puts.get(i).get(60, TimeUnit.SECONDS).statusCode();
          statuses.add(status);
          if (status == 201) {
            winner = storing().get(i).id();
          }
        }
        assertThat(statuses).as("round %d", round).containsOnly(201, 412).filteredOn(st -> st == 201).hasSize(1);
        for (ClusterNode reader : all()) {
          assertThat(read(reader, key)).as("round %d through %s", round, reader.id()).isEqualTo("won by " + winner);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @Order(3)
  void aServerWithItsClockTenMinutesAheadNeitherResurrectsNorDeletesNewer() throws Exception {
    // Deleted through C (clock +10 min), then written again through A: A's new copy stays, and C
    // never serves the deleted one.
    c.client().put(BUCKET, "clock/k", BodyPublishers.ofString("first on c"), WriteOptions.none());
    assertThat(c.client().delete(BUCKET, "clock/k")).isTrue();
    a.client().put(BUCKET, "clock/k", BodyPublishers.ofString("second on a"), WriteOptions.none());
    // A deletion taken by A of an object C wrote "in the future": it goes, everywhere.
    c.client().put(BUCKET, "clock/future", BodyPublishers.ofString("from the future"), WriteOptions.none());
    assertThat(a.client().delete(BUCKET, "clock/future")).isTrue();

    Thread.sleep(1000); // several deletion-log passes on every server
    for (ClusterNode reader : all()) {
      assertThat(read(reader, "clock/k")).as("through %s", reader.id()).isEqualTo("second on a");
      assertThat(status(reader, "clock/future")).as("through %s", reader.id()).isEqualTo(404);
    }
  }

  @Test
  @Order(4)
  void listingComesFromTheCatalogInByteOrder() throws Exception {
    a.client().put(BUCKET, "list/b", BodyPublishers.ofString("b"), WriteOptions.none());
    b.client().put(BUCKET, "list/a", BodyPublishers.ofString("a"), WriteOptions.none());
    c.client().put(BUCKET, "list/\u00e9", BodyPublishers.ofString("e"), WriteOptions.none());

    for (ClusterNode reader : all()) {
      assertThat(reader.client().list(BUCKET, "list/", null, 10).items())
          .extracting(info -> info.key()).containsExactly("list/a", "list/b", "list/\u00e9");
      assertThat(reader.client().list(BUCKET, "list/", null, 10).items())
          .allSatisfy(info -> assertThat(info.version()).isNotNull());
    }
  }

  @Test
  @Order(5)
  void everyServerAnswersTheLastWriteAfterEachStoringServerRestarts() throws Exception {
    b.client().put(BUCKET, "restart", BodyPublishers.ofString("on b"), WriteOptions.none());
    a.client().put(BUCKET, "restart", BodyPublishers.ofString("last, on a"), WriteOptions.none());
    for (ClusterNode restarted : storing()) {
      restarted.close();
      restarted.start();
      restarted.awaitStarted();
      for (ClusterNode reader : all()) {
        // A server just started may still be slow to answer a relay (503, never a wrong body).
        eventually(Duration.ofSeconds(30), () -> status(reader, "restart") != 503 && status(reader, "flip") != 503);
        assertThat(read(reader, "restart")).as("after restarting %s, through %s", restarted.id(), reader.id())
            .isEqualTo("last, on a");
        assertThat(read(reader, "flip")).isEqualTo("version 19 through " + List.of(a, b, b, a, s, c, a, s, b, c)
            .get(19 % 10).id());
      }
    }
  }

  @Test
  @Order(6)
  void whileAStoringServerIsDeadAnUnknownKeyIsNotFoundItsObjectsUnavailableAndListingAnswers() throws Exception {
    for (ClusterNode node : List.of(a, b, s)) {
      eventually(Duration.ofSeconds(60), () -> healthyServers(node) == 4);
    }
    c.client().put(BUCKET, "dead/on-c", BodyPublishers.ofString("only on c"), WriteOptions.none());
    c.kill();

    for (ClusterNode reader : List.of(a, b, s)) {
      assertThat(status(reader, "dead/never-existed")).as("through %s", reader.id()).isEqualTo(404);
      assertThat(status(reader, "dead/on-c")).as("through %s", reader.id()).isEqualTo(503);
      assertThat(reader.client().list(BUCKET, "dead/", null, 10).items())
          .extracting(info -> info.key()).containsExactly("dead/on-c");
    }
  }

  @Test
  @Order(7)
  void decommissionGoneRetiresTheDeadServerAndEndsItsUnavailableAnswers() throws Exception {
    assertThat(a.client().delete(BUCKET, "restart")).isTrue();
    Thread.sleep(1500); // several registry refreshes: the tombstone stays, dead C has not applied it
    assertThat(deletionRecords()).as("records C has not applied are kept while it is registered").isPositive();
    Command refused = cvos("decommission", "cat-c");
    assertThat(refused.code()).as(refused.output()).isEqualTo(3);
    assertThat(refused.output()).contains("only holder of").contains("--gone");

    Command retired = cvos("decommission", "cat-c", "--gone");

    assertThat(retired.code()).as(retired.output()).isZero();
    assertThat(retired.output()).contains("LOST " + BUCKET + "/dead/on-c");
    for (ClusterNode reader : List.of(a, b, s)) {
      assertThat(status(reader, "dead/on-c")).as("through %s", reader.id()).isEqualTo(404);
      eventually(Duration.ofSeconds(10), () -> reader.client().cluster().servers().stream()
          .noneMatch(server -> server.id().equals("cat-c")));
    }
    // The deletion records (tombstones, supersessions) no longer wait for the retired server: once A
    // and B applied them, the registry refresh drops them all.
    eventually(Duration.ofSeconds(30), () -> deletionRecords() == 0);
  }

  private long deletionRecords() throws java.sql.SQLException {
    try (java.sql.Connection connection = java.sql.DriverManager.getConnection(database.jdbcUrl(), database.user(), "");
        java.sql.ResultSet rows = connection.createStatement().executeQuery("SELECT count(*) FROM deletion_log")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private record Command(int code, String output) {}

  private Command cvos(String... args) {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine line = dev.cvos.server.cli.CvosCommand.commandLine(Map.of(), java.time.Clock.systemUTC());
    line.setOut(new java.io.PrintWriter(out, true));
    line.setErr(new java.io.PrintWriter(out, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--config");
    all.add(a.configFile().toString());
    int code = line.execute(all.toArray(String[]::new));
    return new Command(code, out.toString());
  }

  private static String read(ClusterNode node, String key) throws IOException, InterruptedException {
    HttpResponse<InputStream> got = node.client().get(BUCKET, key, Map.of());
    try (InputStream body = got.body()) {
      String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(got.statusCode()).as("GET %s through %s: %s", key, node.id(), text).isEqualTo(200);
      return text;
    }
  }

  private static int status(ClusterNode node, String key) throws IOException, InterruptedException {
    HttpResponse<InputStream> got = node.client().get(BUCKET, key, Map.of());
    try (InputStream body = got.body()) {
      body.readAllBytes();
    }
    return got.statusCode();
  }

  private static long healthyServers(ClusterNode node) throws IOException, InterruptedException {
    return node.client().cluster().servers().stream().map(ClusterServer::state).filter("healthy"::equals).count();
  }

  interface Condition {
    boolean holds() throws Exception;
  }

  static void eventually(Duration timeout, Condition condition) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.holds()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(100);
    }
  }
}
