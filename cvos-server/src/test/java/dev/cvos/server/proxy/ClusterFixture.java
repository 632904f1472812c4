package dev.cvos.server.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.ServerProcess;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Pieces of the cluster tests: servers as separate processes (so that one can be stopped with
 * SIGSTOP or killed), one peer key, short registry intervals, and waiting for readiness. The
 * servers trust each other through the certificates they publish in the registry.
 */
final class ClusterFixture {
  static final String PEER_KEY = "proxy-test-peer-key-0123456789abcdef";

  private ClusterFixture() {}

  /** The configuration of a test server in {@code base}, as the testing server uses it. */
  static Map<String, String> baseConfig(Path base, String serverId, TestingDatabase database) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("server.id", serverId);
    values.put("server.data-dir", base.resolve("data").toString());
    values.put("http.host", "127.0.0.1");
    values.put("http.https-port", "0");
    values.put("auth.api-keys", TestingCvosServer.API_KEY);
    values.put("registry.heartbeat-interval", "1s");
    values.put("registry.offline-after", "5s");
    values.put("registry.interval", "1s");
    values.put("peer.key", PEER_KEY);
    values.put("peer.connect-timeout", "2s");
    values.put("proxy.accept-timeout", "3s");
    // shorter than the accept timeout, as the start-up check demands
    values.put("relay.timeout", "2s");
    values.putAll(database.configValues());
    return values;
  }

  /** Starts a server process with {@code values} written to {@code <base>/cvos.yaml}. */
  static ServerProcess startProcess(Path base, Map<String, String> values, String heap)
      throws IOException, InterruptedException {
    StringBuilder yaml = new StringBuilder("# written by a test\n");
    values.forEach((k, v) -> yaml.append(k).append(": \"").append(v.replace("\"", "\\\"")).append("\"\n"));
    Path file = base.resolve("cvos.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    ServerProcess process = ServerProcess.start(base, file, List.of(heap, "-XX:+ExitOnOutOfMemoryError"));
    try {
      process.awaitStarted(Duration.ofSeconds(60));
    } catch (IOException | InterruptedException | RuntimeException e) {
      process.close();
      throw e;
    }
    return process;
  }

  /** The HTTPS URI a started process serves on. */
  static URI uriOf(ServerProcess process) throws IOException, InterruptedException {
    return process.awaitStarted(Duration.ofSeconds(1));
  }

  /** The self-signed certificate a server in {@code base} made at its first start. */
  static Path certificate(Path base) {
    return base.resolve("data/tls/server.crt");
  }

  /** A client of a process in {@code base}. */
  static WireClient client(Path base, URI uri) throws IOException, GeneralSecurityException {
    return WireClient.builder(uri).trustCertificate(certificate(base)).apiKey(TestingCvosServer.API_KEY)
        .requestTimeout(Duration.ofSeconds(30)).build();
  }

  /** Waits until {@code /health/ready} answers 200 and its body contains {@code text}. */
  static void awaitReady(WireClient client, String text, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    HttpResponse<String> last = null;
    while (Instant.now().isBefore(deadline)) {
      last = client.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody());
      if (last.statusCode() == 200 && last.body().contains(text)) {
        return;
      }
      Thread.sleep(100);
    }
    assertThat(last).as("ready with '%s' within %s", text, timeout).isNotNull();
    assertThat(last.body()).as("ready within %s", timeout).contains(text);
    assertThat(last.statusCode()).isEqualTo(200);
  }

  /** Sends a signal ({@code STOP}, {@code CONT}) to a process. */
  static void signal(ServerProcess process, String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -%s", signal).isZero();
  }

  /** Regular files under a directory (none when it does not exist). */
  static List<Path> filesUnder(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  /** Deterministic bytes of a given size. */
  static byte[] bytes(int size, int seed) {
    byte[] out = new byte[size];
    for (int i = 0; i < size; i++) {
      out[i] = (byte) (i * 31 + seed);
    }
    return out;
  }
}
