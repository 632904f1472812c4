package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19: a server paused under load (SIGSTOP: a long GC, VM steal, a stalled disk) must leave
 * nothing in flight once it runs again. Clients give up on the paused server and on requests it
 * holds up elsewhere; peers abandon the relayed and forwarded requests it does not answer; when
 * it resumes it answers them all into closed connections. Each of those requests must still end:
 * once the load is over, every server's {@code cvos_http_requests_in_flight} returns to 0 within
 * the relay timeout + margin (plus {@link #SLACK} for this shared machine), and SIGTERM stops each
 * server within 5 s, its graceful stop waiting for nothing.
 *
 * <p>Before the fix, the requests Jersey answered into a closed connection (a PUT or DELETE whose
 * client gave up, a relayed GET the asking server abandoned) stayed in flight for ever, and each
 * stop waited its whole 30 s grace (docs/architecture.md#requests-in-flight).
 */
class PausedServerProcessTest {
  /** What a loaded two-core machine adds to a server's own bound before it has answered. */
  private static final Duration SLACK = Duration.ofSeconds(3);
  private static final Duration SETTLED =
      PausedCluster.RELAY_TIMEOUT.plus(PausedCluster.RELAY_MARGIN).plus(SLACK);
  private static final Duration STOPPED = Duration.ofSeconds(5);

  @TempDir
  Path temp;

  @Test
  void pausingAStoringServerThenTheSimpleSecondaryLeavesNothingInFlightAndEachStopsAtOnce() throws Exception {
    try (PausedCluster cluster = new PausedCluster(temp)) {
      PausedCluster.Load load = cluster.startLoad();
      try {
        Thread.sleep(2000);
        PausedCluster.pause(cluster.b, Duration.ofSeconds(5));
        Thread.sleep(2000);
        PausedCluster.pause(cluster.c, Duration.ofSeconds(5));
        Thread.sleep(2000);
      } finally {
        load.close();
      }
      for (ClusterNode node : cluster.nodes()) {
        assertThat(load.served(node)).as("%s served the load (%s)", node.id(), load).isPositive();
      }
      assertThat(load.givenUp()).as("clients gave up on the paused servers (%s)", load).isPositive();

      for (ClusterNode node : cluster.nodes()) {
        Duration settled = cluster.awaitNoneInFlight(node, SETTLED);
        System.out.printf("%s: nothing in flight %d ms after the load ended (%s)%n", node.id(), settled.toMillis(), load);
      }
      for (ClusterNode node : cluster.nodes()) {
        Duration stopped = PausedCluster.terminate(node, STOPPED);
        System.out.printf("%s: stopped %d ms after SIGTERM%n", node.id(), stopped.toMillis());
        assertThat(stopped).as("%s's stop on SIGTERM", node.id()).isLessThan(STOPPED);
      }
    }
  }

  /**
   * Ten pauses of B and then of C in one run: after each, nothing is in flight, and from the first
   * to the last the servers' threads, open sockets and heap after a full GC do not grow.
   */
  @Test
  @Tag("heavy")
  void tenPausesAccumulateNothing() throws Exception {
    // Idle connections close after 5 s, so what stays open after a round is what is held.
    Map<String, String> idle = Map.of("http.idle-timeout", "5s", "peer.body-idle-timeout", "5s");
    try (PausedCluster cluster = new PausedCluster(temp, idle)) {
      Map<ClusterNode, PausedCluster.Usage> first = new LinkedHashMap<>();
      Map<ClusterNode, PausedCluster.Usage> last = new LinkedHashMap<>();
      for (int round = 1; round <= 10; round++) {
        PausedCluster.Load load = cluster.startLoad();
        try {
          Thread.sleep(1000);
          PausedCluster.pause(cluster.b, Duration.ofSeconds(3));
          Thread.sleep(1000);
          PausedCluster.pause(cluster.c, Duration.ofSeconds(3));
          Thread.sleep(1000);
        } finally {
          load.close();
        }
        for (ClusterNode node : cluster.nodes()) {
          cluster.awaitNoneInFlight(node, SETTLED);
        }
        Map<ClusterNode, PausedCluster.Usage> now = round == 1 ? first : last;
        if (round == 1 || round == 10) {
          for (ClusterNode node : cluster.nodes()) {
            now.put(node, cluster.settledUsage(node, Duration.ofSeconds(6)));
            System.out.printf("%s after pause %d: %s%n", node.id(), round, now.get(node));
          }
        }
      }
      for (ClusterNode node : cluster.nodes()) {
        PausedCluster.Usage before = first.get(node);
        PausedCluster.Usage after = last.get(node);
        String what = node.id() + " after pause 1: " + before + ", after pause 10: " + after;
        // The thread pools may grow by a few threads between rounds; a leak per pause is ten or more.
        assertThat(after.threads()).as(what).isLessThanOrEqualTo(before.threads() + 8);
        assertThat(after.sockets()).as(what).isLessThanOrEqualTo(before.sockets() + 2);
        assertThat(after.heapBytes()).as(what).isLessThanOrEqualTo(before.heapBytes() + (8L << 20));
      }
      for (ClusterNode node : cluster.nodes()) {
        assertThat(PausedCluster.terminate(node, STOPPED)).as("%s's stop on SIGTERM", node.id()).isLessThan(STOPPED);
      }
    }
  }
}
