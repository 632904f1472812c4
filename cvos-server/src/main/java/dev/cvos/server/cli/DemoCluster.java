package dev.cvos.server.cli;

import dev.cvos.server.persistence.DatabaseException;
import dev.cvos.server.persistence.LocalClusterDatabase;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The processes of {@code cvos demo-cluster}: the embedded PostgreSQL (in this JVM's care) and
 * three server JVMs, each started through the real {@code main} with a configuration file of its
 * own under {@code DIR/<id>/cvos.yaml} and its output in {@code DIR/<id>/server.log}.
 */
final class DemoCluster {
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  private static final String READY_BUCKET = "demo-ready";

  private final Path directory;
  private final boolean shared;
  private final String serverJavaOptions;
  private final PrintWriter out;
  private final String apiKey = "dev-" + random(16);
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1).build();
  private final List<Node> nodes = new CopyOnWriteArrayList<>();
  private LocalClusterDatabase database;
  private boolean stopping;

  DemoCluster(Path directory, boolean shared, String serverJavaOptions, PrintWriter out) {
    this.directory = directory;
    this.shared = shared;
    this.serverJavaOptions = serverJavaOptions;
    this.out = out;
  }

  /** One server: its id, role, ports and process. */
  private static final class Node {
    final String id;
    final String role;
    final Path base;
    final int httpsPort;
    final int plainPort;
    Process process;

    Node(String id, String role, Path base, int httpsPort, int plainPort) {
      this.id = id;
      this.role = role;
      this.base = base;
      this.httpsPort = httpsPort;
      this.plainPort = plainPort;
    }

    String url() {
      return "http://127.0.0.1:" + plainPort;
    }

    Path log() {
      return base.resolve("server.log");
    }
  }

  /** Starts the database and the three servers, and returns once they are ready and relay. */
  void start(Duration timeout) throws IOException, DatabaseException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    Files.createDirectories(directory);
    Files.deleteIfExists(envFile());
    say("Starting the embedded PostgreSQL (data in " + directory.resolve("db") + ") ...");
    synchronized (this) {
      if (stopping) {
        return;
      }
      database = LocalClusterDatabase.start(directory.resolve("db"));
    }
    int[] ports = freePorts(6);
    String peerKey = random(24);
    List<Node> planned = List.of(
        new Node("a", "primary", directory.resolve("a"), ports[0], ports[1]),
        new Node("b", "redundant-secondary", directory.resolve("b"), ports[2], ports[3]),
        new Node("c", "simple-secondary", directory.resolve("c"), ports[4], ports[5]));
    Path sharedRoot = directory.resolve("shared");
    if (shared) {
      Files.createDirectories(sharedRoot);
    }
    for (Node node : planned) {
      writeConfig(node, peerKey, sharedRoot);
      synchronized (this) {
        if (stopping) {
          return;
        }
        node.process = startServer(node);
        nodes.add(node);
      }
      say("Started server " + node.id + " (" + node.role + ", pid " + node.process.pid()
          + ", log " + node.log() + ")");
    }
    say("Waiting until the three servers are ready and relay to each other ...");
    for (Node node : nodes) {
      awaitReady(node, deadline);
    }
    awaitRelays(deadline);
    writeEnvFile();
  }

  private void writeConfig(Node node, String peerKey, Path sharedRoot) throws IOException {
    Files.createDirectories(node.base);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("server.id", node.id);
    values.put("server.role", node.role);
    values.put("server.data-dir", node.base.resolve("data").toString());
    values.put("http.host", "127.0.0.1");
    values.put("http.https-port", Integer.toString(node.httpsPort));
    values.put("http.plain.enabled", "true");
    values.put("http.plain.port", Integer.toString(node.plainPort));
    values.put("http.shutdown-grace", "5s");
    values.put("auth.api-keys", apiKey);
    values.put("peer.key", peerKey);
    // a demo assembles in seconds: servers re-read the registry (and its certificates) often
    values.put("registry.interval", "1s");
    values.put("registry.heartbeat-interval", "1s");
    values.put("registry.offline-after", "5s");
    if (shared && !node.role.equals("simple-secondary")) {
      values.put("server.storage-mode", "shared");
      values.put("storage.config.root", sharedRoot.toString());
    }
    values.putAll(database.configValues());
    values.put("database.pool-size", "4");
    StringBuilder yaml = new StringBuilder("# Written by cvos demo-cluster for server " + node.id
        + " (" + node.role + "); rewritten at every start. A demo: never use it for real data.\n");
    values.forEach((key, value) -> yaml.append(key).append(": \"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n"));
    Files.writeString(node.base.resolve("cvos.yaml"), yaml, StandardCharsets.UTF_8);
  }

  private Process startServer(Node node) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : serverJavaOptions.trim().split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.add("-Dcvos.home=" + node.base);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.cvos.server.CvosServer");
    command.add(node.base.resolve("cvos.yaml").toString());
    ProcessBuilder builder = new ProcessBuilder(command);
    // The embedded PostgreSQL asks for its password: handed over in the environment, not in cvos.yaml.
    builder.environment().put("CVOS_DATABASE_PASSWORD", database.password());
    return builder
        .directory(node.base.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(node.log().toFile()))
        .start();
  }

  private void awaitReady(Node node, Instant deadline) throws IOException, InterruptedException {
    while (true) {
      checkAlive(node);
      if (status(send(node, "GET", "/health/ready", null)) == 200) {
        say("Server " + node.id + " is ready on " + node.url());
        return;
      }
      pause(deadline, "server " + node.id + " was not ready", node);
    }
  }

  /**
   * Waits until every server reaches every storing server: an object on {@code a} is read through
   * {@code b} and {@code c}, one on {@code b} through {@code a} and {@code c} (each read a relay
   * over HTTPS, which needs the peer's certificate from the registry), then both are deleted
   * through {@code c}.
   */
  private void awaitRelays(Instant deadline) throws IOException, InterruptedException {
    Node a = nodes.get(0);
    Node b = nodes.get(1);
    Node c = nodes.get(2);
    while (true) {
      for (Node node : nodes) {
        checkAlive(node);
      }
      boolean stored = ok(send(a, "PUT", "/v1/objects/" + READY_BUCKET + "/probe-a", "a"))
          && ok(send(b, "PUT", "/v1/objects/" + READY_BUCKET + "/probe-b", "b"));
      boolean relayed = stored
          && ok(send(b, "GET", "/v1/objects/" + READY_BUCKET + "/probe-a", null))
          && ok(send(c, "GET", "/v1/objects/" + READY_BUCKET + "/probe-a", null))
          && ok(send(a, "GET", "/v1/objects/" + READY_BUCKET + "/probe-b", null))
          && ok(send(c, "GET", "/v1/objects/" + READY_BUCKET + "/probe-b", null));
      if (relayed
          && ok(send(c, "DELETE", "/v1/objects/" + READY_BUCKET + "/probe-a", null))
          && ok(send(c, "DELETE", "/v1/objects/" + READY_BUCKET + "/probe-b", null))) {
        return;
      }
      pause(deadline, "the servers did not relay to each other", null);
    }
  }

  private void pause(Instant deadline, String what, Node node) throws InterruptedException {
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(what + " in time (--timeout); "
          + (node == null ? "the servers' logs: " + logs() : "its log: " + node.log()));
    }
    Thread.sleep(POLL.toMillis());
  }

  private void checkAlive(Node node) {
    if (!node.process.isAlive()) {
      throw new IllegalStateException("server " + node.id + " exited with "
          + node.process.exitValue() + "; its log " + node.log() + " ends with:\n" + tail(node));
    }
  }

  private HttpResponse<String> send(Node node, String method, String path, String body)
      throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(node.url() + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Bearer " + apiKey)
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body))
        .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException notYet) {
      return null;
    }
  }

  private static int status(HttpResponse<String> response) {
    return response == null ? 0 : response.statusCode();
  }

  private static boolean ok(HttpResponse<String> response) {
    int status = status(response);
    return status >= 200 && status < 300;
  }

  private Path envFile() {
    return directory.resolve("cluster.env");
  }

  private void writeEnvFile() throws IOException {
    String text = "# The demo cluster of cvos demo-cluster, while it runs: source it in a shell.\n"
        + "A_URL=" + nodes.get(0).url() + "\n"
        + "B_URL=" + nodes.get(1).url() + "\n"
        + "C_URL=" + nodes.get(2).url() + "\n"
        + "CVOS_KEY=" + apiKey + "\n";
    Path file = envFile();
    Files.deleteIfExists(file);
    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  /** Prints the servers and the curl lines to try (the README's "Try a cluster"). */
  void printWhatToTry() {
    String auth = "-H \"Authorization: Bearer $CVOS_KEY\"";
    StringBuilder text = new StringBuilder();
    text.append("\nThe demo cluster is ready: one PostgreSQL (localhost:").append(database.port())
        .append(") and three servers, storage ")
        .append(shared ? "shared (" + directory.resolve("shared") + ")" : "local (each its own)")
        .append(":\n\n");
    for (Node node : nodes) {
      text.append(String.format("  %s  %-19s  %s  (HTTPS https://localhost:%d, log %s)%n",
          node.id, node.role, node.url(), node.httpsPort, node.log()));
    }
    text.append("\nTry it in another shell: store on a, read through b, delete through c, list the cluster.\n\n")
        .append("  source ").append(envFile()).append('\n')
        .append("  key=$(curl -sS -f ").append(auth)
        .append(" -H 'Content-Type: text/plain' --data-binary 'hello, cluster' \"$A_URL/v1/objects/demo\""
            + " | sed 's/.*\"key\":\"\\([^\"]*\\)\".*/\\1/'); echo \"stored as $key\"\n")
        .append("  curl -sS -f ").append(auth).append(" -i \"$B_URL/v1/objects/demo/$key\"; echo\n")
        .append("  curl -sS -f ").append(auth)
        .append(" -X DELETE -w 'deleted: %{http_code}\\n' \"$C_URL/v1/objects/demo/$key\"\n")
        .append("  curl -sS -f ").append(auth).append(" \"$A_URL/v1/cluster\"; echo\n")
        .append("\nCtrl-C (or SIGTERM) stops the three servers and the database.\n");
    out.print(text);
    out.flush();
  }

  /**
   * Waits while the servers run; when one exits on its own, says so and returns 1 (the caller
   * stops the rest). Returns 0 once {@link #stop()} has begun (a signal).
   */
  int awaitUnexpectedExit() throws InterruptedException {
    while (true) {
      Thread.sleep(POLL.toMillis());
      if (nodes.stream().allMatch(node -> node.process.isAlive())) {
        continue;
      }
      // Ctrl-C reaches the servers too (one process group): give this JVM's own stop a moment
      // to begin before calling an exit unexpected
      Thread.sleep(Duration.ofSeconds(2).toMillis());
      synchronized (this) {
        if (stopping) {
          return ExitCodes.OK;
        }
        for (Node node : nodes) {
          if (!node.process.isAlive()) {
            say("Server " + node.id + " exited with " + node.process.exitValue()
                + "; stopping the demo cluster. Its log " + node.log() + " ends with:\n" + tail(node));
            return ExitCodes.ERROR;
          }
        }
      }
    }
  }

  /** Stops the servers (SIGTERM, then SIGKILL after a wait) and then the database; idempotent. */
  synchronized void stop() {
    if (stopping) {
      return;
    }
    stopping = true;
    if (!nodes.isEmpty() || database != null) {
      say("Stopping the demo cluster ...");
    }
    for (Node node : nodes) {
      node.process.destroy();
    }
    for (Node node : nodes) {
      try {
        if (!node.process.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
          node.process.destroyForcibly().waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
      } catch (InterruptedException e) {
        node.process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
    if (database != null) {
      database.close();
    }
    try {
      Files.deleteIfExists(envFile());
    } catch (IOException e) {
      say("Could not remove " + envFile() + ": " + e.getMessage());
    }
    if (!nodes.isEmpty() || database != null) {
      say("The demo cluster has stopped.");
    }
  }

  private String logs() {
    return nodes.stream().map(node -> node.log().toString()).collect(Collectors.joining(", "));
  }

  private static String tail(Node node) {
    try {
      List<String> lines = Files.readAllLines(node.log(), StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  private static int[] freePorts(int count) throws IOException {
    List<ServerSocket> sockets = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0);
        sockets.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } finally {
      for (ServerSocket socket : sockets) {
        socket.close();
      }
    }
  }

  private static String random(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return HexFormat.of().formatHex(value);
  }
}
