package dev.cvos.server.shared;

import static dev.cvos.server.shared.SharedCluster.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosPaths;
import dev.cvos.server.cluster.ClusterNode;
import dev.cvos.server.testing.PatternStream;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Two servers on one shared storage location writing the same key at the same moment: the
 * storage, not either server, decides, and no reader ever sees a mix of the two.
 */
final class WriteRaces {
  private static final int SIZE = 300_000;

  private WriteRaces() {}

  /**
   * Overwrites the key from both servers at once, {@code rounds} times; after each round both
   * servers read one whole body, whose ETag matches its bytes, from their own storage.
   */
  static void overwrite(ClusterNode x, ClusterNode y, String bucket, String key, int rounds) throws Exception {
    byte[] fromX = SharedCluster.pattern(SIZE, 1);
    byte[] fromY = SharedCluster.pattern(SIZE, 2);
    Map<String, String> writerOf = Map.of(SharedCluster.sha256(fromX), x.id(), SharedCluster.sha256(fromY), y.id());
    for (int round = 0; round < rounds; round++) {
      assertThat(both(put(x, bucket, key, fromX, Map.of()), put(y, bucket, key, fromY, Map.of())))
          .as("round %d", round).allMatch(status -> status == 200 || status == 201);
      for (ClusterNode node : List.of(x, y)) {
        HttpResponse<InputStream> got = node.client().get(bucket, key, Map.of());
        String sha;
        try (InputStream in = got.body()) {
          sha = PatternStream.sha256(in);
        }
        assertThat(writerOf).as("round %d read on %s", round, node.id()).containsKey(sha);
        assertThat(got.headers().firstValue("ETag")).as("the header matches the bytes").hasValue("\"" + sha + "\"");
        assertThat(source(got)).isEmpty();
      }
    }
  }

  /**
   * Creates a fresh key from both servers at once ({@code If-None-Match: *}), {@code rounds}
   * times: exactly one write is created (201) and the other refused (412), and both servers read
   * the winner's body.
   */
  static void createOnly(ClusterNode x, ClusterNode y, String bucket, String keyPrefix, int rounds) throws Exception {
    byte[] fromX = SharedCluster.pattern(SIZE, 3);
    byte[] fromY = SharedCluster.pattern(SIZE, 4);
    Map<String, String> createOnly = Map.of("If-None-Match", "*");
    for (int round = 0; round < rounds; round++) {
      String key = keyPrefix + round;
      List<Integer> statuses = both(put(x, bucket, key, fromX, createOnly), put(y, bucket, key, fromY, createOnly));
      assertThat(statuses).as("round %d: %s then %s", round, x.id(), y.id()).containsExactlyInAnyOrder(201, 412);
      String winner = SharedCluster.sha256(statuses.get(0) == 201 ? fromX : fromY);
      for (ClusterNode node : List.of(x, y)) {
        HttpResponse<InputStream> got = node.client().get(bucket, key, Map.of());
        try (InputStream in = got.body()) {
          assertThat(PatternStream.sha256(in)).as("round %d read on %s", round, node.id()).isEqualTo(winner);
        }
      }
    }
  }

  private static Callable<Integer> put(ClusterNode node, String bucket, String key, byte[] body,
      Map<String, String> headers) {
    return () -> node.client().exchange("PUT", CvosPaths.object(bucket, key), headers,
        BodyPublishers.ofByteArray(body)).statusCode();
  }

  private static List<Integer> both(Callable<Integer> first, Callable<Integer> second) throws Exception {
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try {
      List<Future<Integer>> futures = List.of(writers.submit(first), writers.submit(second));
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> future : futures) {
        statuses.add(future.get(60, TimeUnit.SECONDS));
      }
      return statuses;
    } finally {
      writers.shutdownNow();
    }
  }
}
