package dev.cvos.server.proxy;

import static dev.cvos.server.proxy.ClusterFixture.baseConfig;
import static dev.cvos.server.proxy.ClusterFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.ServerProcess;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed configuration 4, "Primary, Redundant, and Simple Secondary Servers, Local Storage": three
 * server processes over one PostgreSQL. Requests to the simple secondary C are proxied to the
 * primary A and the redundant secondary B in turn, and fail over to the other one when one is
 * stopped (SIGSTOP: it accepts connections but never answers) or killed; the primary spreads POSTs
 * over A and B and skips a stopped one. The tests run in order on one cluster; the last kills A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrimaryRedundantAndSimpleSecondaryTest {
  /** How long a storing server may take to accept a forwarded request before the next is tried. */
  private static final Duration ACCEPT_TIMEOUT = Duration.ofSeconds(4);
  /** A failed-over request takes the accept timeout, plus time on a busy two-core machine. */
  private static final Duration FAILOVER_BOUND = ACCEPT_TIMEOUT.plusSeconds(10);

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path base;

  private static ServerProcess a;
  private static ServerProcess b;
  private static ServerProcess c;
  private static WireClient onA;
  private static WireClient onB;
  private static WireClient viaC;

  @BeforeAll
  static void startCluster() throws Exception {
    TestingDatabase database = TestingDatabase.create();
    a = ClusterFixture.startProcess(Files.createDirectories(base.resolve("a")), config("a", "primary", database),
        "-Xmx128m");
    b = ClusterFixture.startProcess(Files.createDirectories(base.resolve("b")),
        config("b", "redundant-secondary", database), "-Xmx128m");
    c = ClusterFixture.startProcess(Files.createDirectories(base.resolve("c")),
        config("c", "simple-secondary", database), "-Xmx96m");
    onA = ClusterFixture.client(base.resolve("a"), ClusterFixture.uriOf(a));
    onB = ClusterFixture.client(base.resolve("b"), ClusterFixture.uriOf(b));
    viaC = ClusterFixture.client(base.resolve("c"), ClusterFixture.uriOf(c));
    ClusterFixture.awaitReady(viaC, "2 of 2 storing servers healthy", Duration.ofSeconds(60));
    ClusterFixture.awaitReady(onA, "ready", Duration.ofSeconds(60));
    ClusterFixture.awaitReady(onB, "ready", Duration.ofSeconds(60));
  }

  private static Map<String, String> config(String id, String role, TestingDatabase database) {
    Map<String, String> values = baseConfig(base.resolve(id), id, database);
    values.put("server.role", role);
    values.put("proxy.accept-timeout", ACCEPT_TIMEOUT.toMillis() + "ms");
    return values;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    for (ServerProcess process : new ServerProcess[] {c, b, a}) {
      if (process != null) {
        if (process.isAlive()) {
          ClusterFixture.signal(process, "CONT");
        }
        process.close();
      }
    }
  }

  @Test
  @Order(1)
  void requestsToTheSimpleSecondaryGoToTheStoringServersRoundRobin() throws Exception {
    Map<String, Integer> storedOn = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> put = viaC.exchange("PUT", "/v1/objects/faces/round-" + i, Map.of(),
          BodyPublishers.ofByteArray(bytes(10_000, i)));
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      assertThat(put.headers().firstValue(CvosHeaders.SERVER)).contains("c");
      storedOn.merge(put.headers().firstValue(CvosHeaders.SOURCE).orElseThrow(), 1, Integer::sum);
    }
    assertThat(storedOn).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 5, "b", 5)));

    for (int i = 0; i < 10; i++) {
      HttpResponse<InputStream> get = viaC.get("faces", "round-" + i, Map.of());
      assertThat(get.statusCode()).isEqualTo(200);
      try (InputStream in = get.body()) {
        assertThat(in.readAllBytes()).isEqualTo(bytes(10_000, i));
      }
    }
    assertThat(viaC.list("faces", "round-", null, null).items()).hasSize(10);
    assertThat(ClusterFixture.filesUnder(base.resolve("c/data/objects"))).isEmpty();
  }

  @Test
  @Order(2)
  void thePrimarySpreadsPostsOverBothStoringServers() throws Exception {
    Map<String, Integer> keysOf = new TreeMap<>();
    List<String> keysOnB = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ObjectInfo info = onA.post("events", BodyPublishers.ofByteArray(bytes(5_000, i)), WriteOptions.none()).info();
      String server = info.key().substring(0, info.key().indexOf('.'));
      keysOf.merge(server, 1, Integer::sum);
      if (server.equals("b")) {
        keysOnB.add(info.key());
      }
    }
    assertThat(keysOf).containsExactlyEntriesOf(new TreeMap<>(Map.of("a", 5, "b", 5)));
    for (String key : keysOnB) {
      assertThat(onB.head("events", key).headers().firstValue(CvosHeaders.SOURCE)).isEmpty();
      assertThat(onB.head("events", key).statusCode()).isEqualTo(200);
    }
  }

  @Test
  @Order(3)
  void thePrimaryStoresPostsItselfWhileTheRedundantSecondaryIsStopped() throws Exception {
    ClusterFixture.signal(b, "STOP");
    try {
      List<String> servers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        ObjectInfo info = onA.post("events", BodyPublishers.ofByteArray(bytes(5_000, 100 + i)), WriteOptions.none()).info();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILOVER_BOUND);
        servers.add(info.key().substring(0, info.key().indexOf('.')));
      }
      assertThat(servers).containsOnly("a").hasSize(6);
    } finally {
      ClusterFixture.signal(b, "CONT");
    }
  }

  @Test
  @Order(4)
  void requestsFailOverToTheRedundantSecondaryWhileThePrimaryIsStopped() throws Exception {
    ClusterFixture.signal(a, "STOP");
    try {
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        HttpResponse<String> put = viaC.exchange("PUT", "/v1/objects/faces/stopped-" + i, Map.of(),
            BodyPublishers.ofByteArray(bytes(20_000, i)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILOVER_BOUND);
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        assertThat(put.headers().firstValue(CvosHeaders.SOURCE)).contains("b");
      }
      for (int i = 0; i < 6; i++) {
        long start = System.nanoTime();
        HttpResponse<InputStream> get = viaC.get("faces", "stopped-" + i, Map.of());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILOVER_BOUND);
        assertThat(get.statusCode()).isEqualTo(200);
        try (InputStream in = get.body()) {
          assertThat(in.readAllBytes()).isEqualTo(bytes(20_000, i));
        }
        assertThat(viaC.head("faces", "stopped-" + i).statusCode()).isEqualTo(200);
      }
    } finally {
      ClusterFixture.signal(a, "CONT");
    }
  }

  @Test
  @Order(5)
  void requestsFailOverToTheRedundantSecondaryWhenThePrimaryIsKilled() throws Exception {
    a.close();
    assertThat(a.isAlive()).isFalse();
    for (int i = 0; i < 4; i++) {
      long start = System.nanoTime();
      HttpResponse<String> put = viaC.exchange("PUT", "/v1/objects/faces/killed-" + i, Map.of(),
          BodyPublishers.ofByteArray(bytes(1_000, i)));
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILOVER_BOUND);
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      assertThat(put.headers().firstValue(CvosHeaders.SOURCE)).contains("b");
      HttpResponse<InputStream> get = viaC.get("faces", "killed-" + i, Map.of());
      assertThat(get.statusCode()).isEqualTo(200);
      get.body().close();
    }
  }

  @Test
  @Order(6)
  void withNoStoringServerReachableTheSecondaryAnswersUnavailableAndIsNotReady() throws Exception {
    ClusterFixture.signal(b, "STOP");
    try {
      long start = System.nanoTime();
      HttpResponse<String> get = viaC.exchange("GET", "/v1/objects/faces/killed-0", Map.of(), BodyPublishers.noBody());
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAILOVER_BOUND);
      assertThat(get.statusCode()).isEqualTo(503);
      assertThat(get.headers().firstValue("Retry-After")).isPresent();
      assertThat(get.headers().firstValue(CvosHeaders.SERVER)).contains("c");
      assertThat(viaC.errorBody(get.body()).error()).isEqualTo("unavailable");

      HttpResponse<String> ready = viaC.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody());
      assertThat(ready.statusCode()).isEqualTo(503);
      assertThat(ready.body()).contains("0 of 2 storing servers healthy");
    } finally {
      ClusterFixture.signal(b, "CONT");
    }
  }
}
