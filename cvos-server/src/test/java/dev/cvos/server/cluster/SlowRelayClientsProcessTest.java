package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.WriteOptions;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 6, with two server processes: more slow clients than the relaying server keeps
 * connections to its peer ({@code peer.max-connections}) download a large object through it and
 * stall, and other clients' relayed GETs to the same peer are still answered within the relay
 * timeout. Before the fix each stalled download held a peer connection, and every other relay to
 * that peer waited in the queue until it timed out (503).
 */
class SlowRelayClientsProcessTest {
  private static final Duration RELAY_TIMEOUT = Duration.ofMillis(3000);
  private static final int MAX_CONNECTIONS = 4;
  private static final long BIG = 32L << 20;

  @TempDir
  Path temp;

  @Test
  void stalledDownloadsThroughARelayLeaveThePeerConnectionsToOtherRelays() throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> settings = Map.of(
        "registry.interval", "1s",
        "registry.heartbeat-interval", "1s",
        "relay.timeout", RELAY_TIMEOUT.toMillis() + "ms",
        "peer.max-connections", Integer.toString(MAX_CONNECTIONS));
    try (ClusterNode a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, settings);
        ClusterNode b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, settings)) {
      a.start();
      b.start();
      a.awaitStarted();
      b.awaitStarted();
      awaitHealthy(a, 2);
      b.client().put("slow", "big", BodyPublishers.fromPublisher(
          BodyPublishers.ofInputStream(() -> new PatternStream(BIG, 3)), BIG), WriteOptions.none());
      b.client().put("slow", "small", BodyPublishers.ofString("small"), WriteOptions.none());

      awaitRelayed(a, "/v1/objects/slow/small");

      List<InputStream> stalled = new ArrayList<>();
      byte[] first = null;
      try {
        for (int i = 0; i < 2 * MAX_CONNECTIONS; i++) {
          HttpResponse<InputStream> download = a.client().get("slow", "big", Map.of());
          assertThat(download.statusCode()).as("download %d through A", i).isEqualTo(200);
          stalled.add(download.body());
          first = download.body().readNBytes(64 * 1024);
          assertThat(first).hasSize(64 * 1024);
        }

        for (int i = 0; i < 10; i++) {
          long start = System.nanoTime();
          HttpResponse<String> small = a.client().exchange("GET", "/v1/objects/slow/small", Map.of(),
              BodyPublishers.noBody());
          Duration took = Duration.ofNanos(System.nanoTime() - start);
          assertThat(small.statusCode()).as("relay %d while %d downloads stall (%s): %s", i, stalled.size(), took,
              small.body()).isEqualTo(200);
          assertThat(small.body()).isEqualTo("small");
          assertThat(small.headers().firstValue("X-Cvos-Source")).hasValue("node-b");
        }

        try (InputStream last = stalled.remove(stalled.size() - 1)) {
          assertThat(PatternStream.sha256(new SequenceInputStream(new ByteArrayInputStream(first), last)))
              .as("a stalled download still reads the whole object").isEqualTo(PatternStream.sha256(BIG, 3));
        }
      } finally {
        for (InputStream body : stalled) {
          body.close();
        }
      }
    }
  }

  private static void awaitHealthy(ClusterNode node, int servers) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      if (node.client().cluster().servers().stream().filter(s -> s.state().equals("healthy")).count() == servers) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(node.id() + " did not see " + servers + " healthy servers");
  }

  /** Waits until {@code node} relays a GET of {@code path} (it trusts its peer's certificate). */
  private static void awaitRelayed(ClusterNode node, String path) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last = node.client().exchange("GET", path, Map.of(), BodyPublishers.noBody());
      if (last.statusCode() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(node.id() + " did not relay " + path + ": " + last.statusCode() + " " + last.body());
  }
}
