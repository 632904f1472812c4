package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosPaths;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The cluster of issue 19 as real processes over one test database: a primary A, a redundant
 * secondary B and a simple secondary C, each with local storage; client load through all three
 * (PUT, GET and DELETE of three keys) with clients that give up after {@link #CLIENT_TIMEOUT}, as
 * clients of a paused server do; and what each server says about itself on {@code /metrics} (the
 * requests in flight, its threads, its heap) and in {@code /proc} (its open sockets).
 */
final class PausedCluster implements AutoCloseable {
  static final Duration RELAY_TIMEOUT = Duration.ofMillis(1500);
  static final Duration RELAY_MARGIN = Duration.ofMillis(250);
  static final Duration ACCEPT_TIMEOUT = Duration.ofMillis(2500);
  static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(3);
  private static final Pattern IN_FLIGHT =
      Pattern.compile("(?m)^cvos_http_requests_in_flight\\{[^}]*route=\"([a-z-]+)\"[^}]*}\\s+(\\S+)$");
  private static final Pattern LIVE_THREADS = Pattern.compile("(?m)^jvm_threads_live_threads(?:\\{[^}]*})?\\s+(\\S+)$");
  private static final Pattern HEAP_USED =
      Pattern.compile("(?m)^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)$");

  final ClusterNode a;
  final ClusterNode b;
  final ClusterNode c;
  private final Map<ClusterNode, WireClient> loadClients = new LinkedHashMap<>();
  private final Map<ClusterNode, WireClient> probes = new LinkedHashMap<>();

  PausedCluster(Path temp) throws Exception {
    this(temp, Map.of());
  }

  /** The cluster with {@code extra} settings on every server. */
  PausedCluster(Path temp, Map<String, String> extra) throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> timing = new LinkedHashMap<>(Map.of(
        "registry.interval", "1s",
        "registry.heartbeat-interval", "1s",
        "registry.offline-after", "5s",
        "relay.timeout", RELAY_TIMEOUT.toMillis() + "ms",
        "relay.margin", RELAY_MARGIN.toMillis() + "ms",
        "proxy.accept-timeout", ACCEPT_TIMEOUT.toMillis() + "ms",
        // names every request that waits longer than a client does, so a failure says which
        "http.old-request-log-after", "4s"));
    timing.putAll(extra);
    a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, timing);
    c = new ClusterNode("node-c", "simple-secondary", temp.resolve("c"), database, timing);
    try {
      for (ClusterNode node : nodes()) {
        node.start();
      }
      for (ClusterNode node : nodes()) {
        node.awaitStarted();
        loadClients.put(node, client(node, CLIENT_TIMEOUT));
        probes.put(node, client(node, Duration.ofSeconds(20)));
      }
      awaitBody(c, "/health/ready", "2 of 2 storing servers healthy", Duration.ofSeconds(60));
      awaitBody(a, "/v1/cluster", "\"node-c\"", Duration.ofSeconds(30));
    } catch (Exception | AssertionError e) {
      close();
      throw e;
    }
  }

  List<ClusterNode> nodes() {
    return List.of(a, b, c);
  }

  private static WireClient client(ClusterNode node, Duration timeout) throws Exception {
    return WireClient.builder(node.uri()).trustCertificate(node.certificate())
        .apiKey(TestingCvosServer.API_KEY).requestTimeout(timeout).build();
  }

  private void awaitBody(ClusterNode node, String path, String text, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> answer = probes.get(node).exchange("GET", path, Map.of(), BodyPublishers.noBody());
      last = answer.statusCode() + " " + answer.body();
      if (answer.statusCode() == 200 && answer.body().contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError(node.id() + " " + path + " did not show '" + text + "' within " + timeout + ": " + last);
  }

  /** Six client threads sending PUT, GET and DELETE of three keys to the three servers at random. */
  Load startLoad() {
    return new Load();
  }

  final class Load implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ExecutorService threads = Executors.newFixedThreadPool(6);
    private final Map<String, LongAdder> answered = new ConcurrentHashMap<>();
    private final LongAdder failed = new LongAdder();

    private Load() {
      List<ClusterNode> nodes = nodes();
      for (int t = 0; t < 6; t++) {
        threads.execute(() -> {
          ThreadLocalRandom random = ThreadLocalRandom.current();
          while (!stop.get()) {
            ClusterNode node = nodes.get(random.nextInt(nodes.size()));
            String path = CvosPaths.object("pause", "key-" + random.nextInt(3));
            try {
              HttpResponse<String> answer = switch (random.nextInt(3)) {
                case 0 -> loadClients.get(node).exchange("PUT", path, Map.of(),
                    BodyPublishers.ofByteArray(new byte[1 + random.nextInt(64 * 1024)]));
                case 1 -> loadClients.get(node).exchange("GET", path, Map.of(), BodyPublishers.noBody());
                default -> loadClients.get(node).exchange("DELETE", path, Map.of(), BodyPublishers.noBody());
              };
              answered.computeIfAbsent(node.id() + " " + answer.statusCode(), k -> new LongAdder()).increment();
            } catch (IOException e) {
              failed.increment();
            } catch (InterruptedException e) {
              return;
            }
          }
        });
      }
    }

    /** Stops sending and waits for every client to have its answer or to have given up. */
    @Override
    public void close() throws InterruptedException {
      stop.set(true);
      threads.shutdown();
      if (!threads.awaitTermination(CLIENT_TIMEOUT.multipliedBy(3).toMillis(), TimeUnit.MILLISECONDS)) {
        threads.shutdownNow();
        throw new AssertionError("the load's clients did not stop");
      }
    }

    /** How many answers each server gave with a 2xx or 404 status (what a healthy server answers). */
    long served(ClusterNode node) {
      return answered.entrySet().stream()
          .filter(e -> e.getKey().startsWith(node.id() + " 2") || e.getKey().equals(node.id() + " 404"))
          .mapToLong(e -> e.getValue().sum()).sum();
    }

    /** How many requests the clients gave up on (or failed to send): the paused servers' share. */
    long givenUp() {
      return failed.sum();
    }

    @Override
    public String toString() {
      return "answers " + answered + ", " + failed.sum() + " requests given up or failed";
    }
  }

  /** Pauses a server with SIGSTOP for {@code pause}, then lets it go on (SIGCONT). */
  static void pause(ClusterNode node, Duration pause) throws Exception {
    node.signal("STOP");
    try {
      Thread.sleep(pause.toMillis());
    } finally {
      node.signal("CONT");
    }
  }

  /** The server's own requests in flight by route class, from its /metrics (the scrape itself left out). */
  Map<String, Integer> inFlight(ClusterNode node) throws Exception {
    String metrics = metrics(node);
    Map<String, Integer> byRoute = new LinkedHashMap<>();
    Matcher m = IN_FLIGHT.matcher(metrics);
    while (m.find()) {
      int count = (int) Double.parseDouble(m.group(2));
      if (m.group(1).equals("metrics")) {
        count--;
      }
      byRoute.put(m.group(1), count);
    }
    assertThat(byRoute).as("%s exports cvos_http_requests_in_flight", node.id()).containsKeys("object", "metrics");
    return byRoute;
  }

  static int total(Map<String, Integer> byRoute) {
    return byRoute.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** Waits until no request is in flight on {@code node}; returns how long that took. */
  Duration awaitNoneInFlight(ClusterNode node, Duration bound) throws Exception {
    Instant started = Instant.now();
    Instant deadline = started.plus(bound);
    Map<String, Integer> last = inFlight(node);
    while (total(last) != 0 && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      last = inFlight(node);
    }
    assertThat(last).as("%s's requests in flight %s after the load ended; what it logged:%n%s", node.id(),
        bound, oldRequestLines(node)).allSatisfy((route, count) -> assertThat(count).as(route).isZero());
    return Duration.between(started, Instant.now());
  }

  private static String oldRequestLines(ClusterNode node) throws IOException {
    return node.process().output().lines().filter(line -> line.contains("InFlightRequests"))
        .reduce("", (all, line) -> all + line + "\n");
  }

  /** What the server uses now, after a full GC: live threads, heap used, open sockets. */
  record Usage(int threads, long heapBytes, int sockets) {}

  /**
   * What the server uses once its idle connections are closed: the open sockets are read until
   * they did not change for {@code quiet} (longer than the idle timeouts), at most for a minute.
   */
  Usage settledUsage(ClusterNode node, Duration quiet) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    int sockets = sockets(node);
    Instant unchangedSince = Instant.now();
    while (Instant.now().isBefore(deadline) && Duration.between(unchangedSince, Instant.now()).compareTo(quiet) < 0) {
      Thread.sleep(250);
      int now = sockets(node);
      if (now != sockets) {
        sockets = now;
        unchangedSince = Instant.now();
      }
    }
    return usage(node);
  }

  Usage usage(ClusterNode node) throws Exception {
    Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(node.process().pid()), "GC.run").redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    assertThat(gc.waitFor(60, TimeUnit.SECONDS)).as("jcmd GC.run on %s", node.id()).isTrue();
    String metrics = metrics(node);
    Matcher threads = LIVE_THREADS.matcher(metrics);
    assertThat(threads.find()).as("jvm_threads_live_threads of %s", node.id()).isTrue();
    long heap = 0;
    Matcher used = HEAP_USED.matcher(metrics);
    while (used.find()) {
      heap += (long) Double.parseDouble(used.group(1));
    }
    return new Usage((int) Double.parseDouble(threads.group(1)), heap, sockets(node));
  }

  /** The process's open sockets: its client and peer connections, its pools, its listeners. */
  private static int sockets(ClusterNode node) throws IOException {
    List<Path> fds;
    try (Stream<Path> list = Files.list(Path.of("/proc", Long.toString(node.process().pid()), "fd"))) {
      fds = list.toList();
    }
    int sockets = 0;
    for (Path fd : fds) {
      try {
        if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
          sockets++;
        }
      } catch (IOException e) {
        // closed while listed
      }
    }
    return sockets;
  }

  private String metrics(ClusterNode node) throws Exception {
    HttpResponse<String> answer = probes.get(node).exchange("GET", "/metrics", Map.of(), BodyPublishers.noBody());
    assertThat(answer.statusCode()).as("GET /metrics of %s", node.id()).isEqualTo(200);
    return answer.body();
  }

  /** Sends SIGTERM and returns how long the server took to exit. */
  static Duration terminate(ClusterNode node, Duration bound) throws Exception {
    Instant started = Instant.now();
    node.process().terminate();
    int exit = node.process().awaitExit(bound.plusSeconds(60));
    Duration took = Duration.between(started, Instant.now());
    assertThat(exit).as("%s's exit code (143: the JVM's on SIGTERM)", node.id()).isIn(0, 143);
    assertThat(node.process().output()).as("%s's log", node.id()).doesNotContain("were cut");
    return took;
  }

  @Override
  public void close() throws Exception {
    List<Exception> failures = new ArrayList<>();
    for (ClusterNode node : nodes()) {
      try {
        node.close();
      } catch (Exception e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
