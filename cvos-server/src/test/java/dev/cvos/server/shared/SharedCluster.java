package dev.cvos.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.ObjectInfo;
import dev.cvos.server.cluster.ClusterNode;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Storing servers that share one storage location, as real processes ({@link ClusterNode}, the
 * relay's cluster fixture) over one test database: started together, ready once every server
 * sees every other as healthy, closed together.
 */
final class SharedCluster implements AutoCloseable {
  /** Fast registry passes, so a cluster is assembled in seconds. */
  static final Map<String, String> TIMING = Map.of(
      "server.storage-mode", "shared",
      "registry.interval", "500ms",
      "registry.heartbeat-interval", "300ms",
      "registry.offline-after", "3s",
      "relay.timeout", "5s",
      // the hinted server (the one that generated a POST's key) is asked alone this long: it answers
      // in milliseconds, so the source of a relayed POST-ed object is the hinted one
      "relay.head-start", "2s",
      "peer.cooldown", "20s");

  private final List<ClusterNode> nodes;

  private SharedCluster(List<ClusterNode> nodes) {
    this.nodes = nodes;
  }

  /** Starts every node and waits until each sees all of them healthy. */
  static SharedCluster start(List<ClusterNode> nodes) throws Exception {
    SharedCluster cluster = new SharedCluster(List.copyOf(nodes));
    try {
      for (ClusterNode node : nodes) {
        node.start();
      }
      for (ClusterNode node : nodes) {
        node.awaitStarted();
      }
      for (ClusterNode node : nodes) {
        eventually(Duration.ofSeconds(30), () -> healthyServers(node) == nodes.size());
      }
      // The peers' certificates are trusted in the pass that read the list: one more pass to be sure.
      Thread.sleep(600);
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private static long healthyServers(ClusterNode node) throws IOException, InterruptedException {
    return node.client().cluster().servers().stream().filter(s -> s.state().equals("healthy")).count();
  }

  /** The keys of a listing on {@code node}, in order, duplicates kept. */
  static List<String> keys(ClusterNode node, String bucket, String prefix) throws IOException, InterruptedException {
    return node.client().list(bucket, prefix, null, null).items().stream().map(ObjectInfo::key).toList();
  }

  /** The server that had the object when {@code node} relayed it; empty when served by itself. */
  static Optional<String> source(HttpResponse<?> response) {
    return response.headers().firstValue(CvosHeaders.SOURCE);
  }

  /** The status of a bodiless request (GET, HEAD, DELETE) of an object on {@code node}. */
  static int status(ClusterNode node, String method, String bucket, String key) throws IOException, InterruptedException {
    return node.client().exchange(method, CvosPaths.object(bucket, key), Map.of(), BodyPublishers.noBody()).statusCode();
  }

  static String server(HttpResponse<?> response) {
    return response.headers().firstValue(CvosHeaders.SERVER).orElse("(none)");
  }

  static String body(HttpResponse<InputStream> response) throws IOException {
    try (InputStream in = response.body()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** {@code size} bytes that differ with {@code seed}. */
  static byte[] pattern(int size, int seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  /** The temporary files beside an object file: writes in progress (or left by a crash). */
  static List<Path> temporaryFiles(Path objectFile) throws IOException {
    Path directory = objectFile.getParent();
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().startsWith(ObjectFileLayout.TEMPORARY_PREFIX)).toList();
    }
  }

  @FunctionalInterface
  interface Check {
    boolean holds() throws Exception;
  }

  static void eventually(Duration timeout, Check check) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (check.holds()) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(check.holds()).as("condition within " + timeout).isTrue();
  }

  @Override
  public void close() throws Exception {
    Exception failure = null;
    for (ClusterNode node : nodes) {
      try {
        node.close();
      } catch (Exception e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
