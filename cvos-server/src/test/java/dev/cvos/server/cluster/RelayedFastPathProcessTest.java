package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.WriteOptions;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.RawHttps.Answer;
import dev.cvos.server.testing.TestingCvosServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client's GET of an object that lives only on the other storing server, relayed and answered by
 * the read handler ({@code ObjectReadHandler}) of the server asked: two real server processes over
 * HTTPS. The answer carries the peer's object with {@code X-Cvos-Source}, 206, 304 (If-None-Match
 * before Range), 404 and 503 as the contract says; a query string (which a read ignores) changes
 * nothing; and the read handler counts every answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RelayedFastPathProcessTest {
  private static final String AUTH = "Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\n";
  private static final String BODY = "0123456789abcdefghij";
  private static final String TEXT = "/v1/objects/relayed/dir/a%20b;c.txt";
  private static final String EXPIRING = "/v1/objects/relayed/expiring";
  private static final Pattern FAST_COUNT = Pattern.compile("(?m)^cvos_http_fast_answered_total\\S* (\\S+)$");

  private ClusterNode a;
  private ClusterNode b;
  private RawHttps raw;

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> timing = Map.of("registry.interval", "500ms", "registry.heartbeat-interval", "300ms",
        "registry.offline-after", "3s", "relay.timeout", "1500ms", "relay.margin", "250ms");
    a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, timing);
    for (ClusterNode node : List.of(a, b)) {
      node.start();
    }
    for (ClusterNode node : List.of(a, b)) {
      node.awaitStarted();
    }
    for (ClusterNode node : List.of(a, b)) {
      eventually(Duration.ofSeconds(20), () -> node.client().cluster().servers().stream()
          .filter(s -> s.state().equals("healthy")).count() == 2);
    }
    Thread.sleep(600);
    a.client().put("relayed", "dir/a b;c.txt", BodyPublishers.ofString(BODY),
        WriteOptions.none().withContentType("text/plain; charset=UTF-8"));
    a.client().put("relayed", "expiring", BodyPublishers.ofString(BODY),
        WriteOptions.none().withExpiresAfter(Duration.ofHours(1)));
    a.client().put("relayed", "big", BodyPublishers.ofString("x".repeat(1_300_000)), WriteOptions.none());
    raw = new RawHttps(b.uri(), b.certificate());
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (ClusterNode node : new ClusterNode[] {a, b}) {
      if (node != null) {
        node.close();
      }
    }
  }

  @Test
  @Order(1)
  void relayedGetIsAnsweredWithItsSourceAndCounted() throws Exception {
    double before = fastCount();
    for (String path : new String[] {TEXT, EXPIRING}) {
      Answer fast = sameWithAQuery(path, AUTH);
      assertThat(fast.status()).isEqualTo(200);
      assertThat(fast.body()).isEqualTo(BODY);
      assertThat(fast.headers()).containsEntry("x-cvos-source", "node-a").containsEntry("x-cvos-server", "node-b")
          .containsEntry("content-length", "20").containsKeys("etag", "last-modified", "accept-ranges");
    }
    assertThat(sameWithAQuery(TEXT, AUTH).headers().get("content-type")).isEqualTo("text/plain;charset=utf-8");
    assertThat(sameWithAQuery(EXPIRING, AUTH).headers()).containsKeys("expires", "x-cvos-expires");
    assertThat(sameWithAQuery("/v1/objects/relayed/big", AUTH).body()).hasSize(1_300_000).matches("x+");
    assertThat(fastCount()).as("each answer counted (two requests per check)").isEqualTo(before + 10);
  }

  @Test
  @Order(2)
  void relayedRangesAndConditionalRequestsAreAnswered() throws Exception {
    Answer ranged = sameWithAQuery(TEXT, AUTH + "Range: bytes=2-4\r\n");
    assertThat(ranged.status()).isEqualTo(206);
    assertThat(ranged.body()).isEqualTo("234");
    assertThat(ranged.headers()).containsEntry("content-range", "bytes 2-4/20").containsEntry("x-cvos-source", "node-a");
    assertThat(sameWithAQuery(TEXT, AUTH + "Range: bytes=-3\r\n").body()).isEqualTo("hij");

    String etag = sameWithAQuery(TEXT, AUTH).headers().get("etag");
    Answer notModified = sameWithAQuery(TEXT, AUTH + "If-None-Match: " + etag + "\r\n");
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(notModified.headers()).containsEntry("x-cvos-source", "node-a");
    assertThat(sameWithAQuery(TEXT, AUTH + "If-None-Match: \"other\"\r\n").status()).isEqualTo(200);

    Answer beyond = sameWithAQuery(TEXT, AUTH + "Range: bytes=30-\r\n");
    assertThat(beyond.status()).isEqualTo(416);
    assertThat(beyond.headers()).containsEntry("content-range", "bytes */20");
    assertThat(sameWithAQuery(TEXT, AUTH + "Range: bytes=30-\r\nIf-None-Match: " + etag + "\r\n").status())
        .as("If-None-Match before Range").isEqualTo(304);
  }

  @Test
  @Order(3)
  void anObjectNoServerHasIsNotFound() throws Exception {
    double before = fastCount();
    Answer missing = sameWithAQuery("/v1/objects/relayed/missing", AUTH);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("\"error\":\"not_found\"");
    assertThat(fastCount()).as("answered by the read handler (two requests)").isEqualTo(before + 2);
  }

  @Test
  @Order(4)
  void aStoppedPeerMakesTheReadUnavailableWithRetryAfter() throws Exception {
    a.signal("STOP");
    try {
      Answer fast = raw.send("GET", TEXT, AUTH, "");
      Answer jersey = raw.send("GET", TEXT + "?via=query", AUTH, "");
      assertThat(fast.status()).isEqualTo(503).isEqualTo(jersey.status());
      assertThat(fast.headers()).containsEntry("retry-after", "5").containsEntry("content-type", "application/json");
      assertThat(fast.body()).contains("\"error\":\"unavailable\"");
      // The reason in the message may differ (the second request finds the peer deprioritized).
      assertThat(without(fast.headers(), "date", "content-length"))
          .isEqualTo(without(jersey.headers(), "date", "content-length"));
      assertThat(jersey.body()).contains("\"error\":\"unavailable\"");
    } finally {
      a.signal("CONT");
    }
  }

  /**
   * The answer to a GET, after checking the same request with a query string (which a read
   * ignores) gets the same one (but for its date).
   */
  private Answer sameWithAQuery(String path, String headers) throws Exception {
    Answer plain = raw.send("GET", path, headers, "");
    Answer queried = raw.send("GET", path + "?via=query", headers, "");
    assertThat(plain.status()).isEqualTo(queried.status());
    assertThat(without(plain.headers(), "date")).isEqualTo(without(queried.headers(), "date"));
    assertThat(plain.body()).isEqualTo(queried.body());
    if (plain.status() >= 400) {
      assertThat(plain.headers()).containsEntry("content-type", "application/json")
          .containsEntry("content-length", Integer.toString(plain.body().length()));
    }
    return plain;
  }

  private static Map<String, String> without(Map<String, String> headers, String... names) {
    Map<String, String> copy = new TreeMap<>(headers);
    for (String name : names) {
      copy.remove(name);
    }
    return copy;
  }

  private double fastCount() throws Exception {
    Matcher m = FAST_COUNT.matcher(raw.send("GET", "/metrics", "", "").body());
    assertThat(m.find()).as("cvos_http_fast_answered_total in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static void eventually(Duration timeout, RelayClusterProcessTest.Check check) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline) && !check.holds()) {
      Thread.sleep(100);
    }
    assertThat(check.holds()).as("condition within " + timeout).isTrue();
  }
}
