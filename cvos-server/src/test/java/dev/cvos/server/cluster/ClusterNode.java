package dev.cvos.server.cluster;

import dev.cvos.server.testing.WireClient;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.ServerProcess;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server of a test cluster: its own base directory, storage and fixed HTTPS port (so a restart
 * keeps its registry URL), a configuration file, and its JVM process.
 */
public final class ClusterNode implements AutoCloseable {
  static final String PEER_KEY = "test-peer-key-0123456789abcdef";
  static final String HEAP = "-Xmx64m";

  private final String id;
  private final Path base;
  private final int port;
  private final List<String> jvmOptions = new java.util.ArrayList<>(List.of(HEAP, "-XX:TieredStopAtLevel=1",
      "-Xshare:auto"));
  private ServerProcess process;
  private WireClient client;

  public ClusterNode(String id, String role, Path base, TestingDatabase database, Map<String, String> extra)
      throws IOException {
    this.id = id;
    this.base = Files.createDirectories(base);
    try (ServerSocket socket = new ServerSocket(0)) {
      this.port = socket.getLocalPort();
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("server.id", id);
    values.put("server.role", role);
    values.put("server.data-dir", base.resolve("data").toString());
    values.put("http.host", "127.0.0.1");
    values.put("http.https-port", Integer.toString(port));
    values.put("auth.api-keys", TestingCvosServer.API_KEY);
    values.put("peer.key", PEER_KEY);
    // The relay tests name the server that holds each object, so a POST stays where it is sent;
    // the primary's balancing is tested by the proxy tests (extra may switch it back on).
    values.put("balance.posts", "false");
    values.putAll(database.configValues());
    values.putAll(extra);
    StringBuilder yaml = new StringBuilder("# written by a test\n");
    values.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
    Files.writeString(base.resolve("cvos.yaml"), yaml, StandardCharsets.UTF_8);
  }

  public void start() throws IOException {
    process = ServerProcess.start(base, base.resolve("cvos.yaml"), jvmOptions);
  }

  public void awaitStarted() throws IOException, InterruptedException, GeneralSecurityException {
    URI uri = process.awaitStarted(Duration.ofSeconds(60));
    client = WireClient.builder(uri).trustCertificate(certificate())
        .apiKey(TestingCvosServer.API_KEY).requestTimeout(Duration.ofSeconds(20)).build();
  }

  /** Adds JVM options for the next {@link #start()} (such as a clock offset). */
  public ClusterNode withJvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  /** The configuration file the server runs with (the {@code cvos} commands read it too). */
  public Path configFile() {
    return base.resolve("cvos.yaml");
  }

  public String id() {
    return id;
  }

  /** The server's base directory ({@code data/} under it). */
  public Path base() {
    return base;
  }

  public WireClient client() {
    return client;
  }

  /** The self-signed certificate the server made at its first start (a client trusts it). */
  public Path certificate() {
    return base.resolve("data/tls/server.crt");
  }

  /** The HTTPS URI the started server serves on. */
  public URI uri() throws IOException, InterruptedException {
    return process.awaitStarted(Duration.ofSeconds(1));
  }

  public Path storageRoot() {
    return base.resolve("data/objects");
  }

  public ServerProcess process() {
    return process;
  }

  /** Sends a signal (STOP, CONT, KILL) to the process. */
  public void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  public void kill() throws InterruptedException {
    process.close();
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      if (process.isAlive()) {
        signal("CONT");
      }
      process.close();
    }
  }
}
