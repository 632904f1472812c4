package dev.cvos.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.WriteOptions;
import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.ServerProcess;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile and broken clients against a real server process (with its own embedded PostgreSQL),
 * each attack run while normal clients keep asking for an object: they must keep being served.
 * The floods use the plain HTTP connector (the same handlers as HTTPS, without paying a TLS
 * handshake per connection on the test's side); normal clients use HTTPS.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseProcessTest {
  private static final Pattern PLAIN = Pattern.compile("plain HTTP on (http://\\S+)");
  private static final Duration RELAY_BOUND = Duration.ofMillis(5_250);
  /** What a loaded 2-core machine may add to a bound the server keeps. */
  private static final Duration LOAD_SLACK = Duration.ofMillis(1_500);
  private static final String BUCKET = "abuse";
  private static final String KEY = "normal";
  private static final String PAYLOAD = "what a normal client reads";

  @TempDir
  static Path base;

  private static ServerProcess server;
  private static URI https;
  private static URI plain;
  private static final ExecutorService THREADS = Executors.newFixedThreadPool(48);

  @BeforeAll
  static void start() throws Exception {
    Path config = base.resolve("cvos.yaml");
    Files.writeString(config, String.join("\n",
        "server.id: abuse",
        "server.data-dir: \"" + base.resolve("data") + "\"",
        "http.host: 127.0.0.1",
        "http.https-port: 0",
        "http.plain.enabled: true",
        "http.plain.port: 0",
        "http.max-threads: 64",
        "auth.api-keys: " + TestingCvosServer.API_KEY,
        "database.embedded.data-dir: \"" + base.resolve("db") + "\"",
        ""));
    server = ServerProcess.start(base, config, List.of("-Xmx256m"));
    https = server.awaitStarted(Duration.ofSeconds(120));
    Matcher m = PLAIN.matcher(server.output());
    assertThat(m.find()).as(server.output()).isTrue();
    plain = URI.create(m.group(1));
    assertThat(client().put(BUCKET, KEY, BodyPublishers.ofString(PAYLOAD), WriteOptions.none()).status())
        .isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    THREADS.shutdownNow();
    try {
      signalPostgres("CONT");
      if (server != null) {
        server.terminate();
        server.awaitExit(Duration.ofSeconds(60));
      }
    } finally {
      if (server != null) {
        server.close();
      }
      stopLeftoverPostgres();
    }
  }

  @Test
  @Order(1)
  void slowBodiesWithoutAKeyDoNotStarveNormalClients() throws Exception {
    List<Socket> slow = Collections.synchronizedList(new ArrayList<>());
    try (NormalClients normal = NormalClients.start(20)) {
      List<Future<?>> opened = new ArrayList<>();
      for (int i = 0; i < 300; i++) {
        opened.add(THREADS.submit(() -> {
          Socket socket = new Socket();
          slow.add(socket);
          socket.connect(new InetSocketAddress(plain.getHost(), plain.getPort()), 10_000);
          socket.getOutputStream().write(("PUT /v1/objects/" + BUCKET + "/slow HTTP/1.1\r\nHost: x\r\n"
              + "Content-Length: 16777216\r\n\r\nx").getBytes(StandardCharsets.ISO_8859_1));
          return null;
        }));
      }
      for (Future<?> f : opened) {
        f.get(60, TimeUnit.SECONDS);
      }
      normal.runFor(Duration.ofSeconds(5));
      normal.assertServed(Duration.ofSeconds(1));
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  @Order(2)
  void tenThousandRandomRequestsGiveNoServerErrorAndBoundedMetrics() throws Exception {
    ConcurrentLinkedQueue<String> serverErrors = new ConcurrentLinkedQueue<>();
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10)).build();
    try (NormalClients normal = NormalClients.start(4)) {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        long seed = w;
        workers.add(THREADS.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < 625; i++) {
            HttpRequest request = randomRequest(random);
            HttpResponse<Void> answer = http.send(request, BodyHandlers.discarding());
            if (answer.statusCode() >= 500 && answer.statusCode() != 503) {
              serverErrors.add(request.method() + " " + request.uri() + " -> " + answer.statusCode());
            }
          }
          return null;
        }));
      }
      for (Future<?> f : workers) {
        f.get(150, TimeUnit.SECONDS);
      }
      normal.assertServed(Duration.ofSeconds(1));
    }
    assertThat(serverErrors).as("server errors").isEmpty();
    String metrics = http.send(HttpRequest.newBuilder(plain.resolve("/metrics")).build(), BodyHandlers.ofString()).body();
    long series = metrics.lines().filter(l -> l.startsWith("cvos_http_requests_seconds_count{")).count();
    assertThat(series).as("request series in /metrics").isLessThanOrEqualTo(60);
    assertThat(metrics.length()).as("size of /metrics").isLessThan(2 << 20);
    double heap = metrics.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    assertThat(heap).as("heap used after the flood").isLessThan(220.0 * (1 << 20));
  }

  private static HttpRequest randomRequest(Random random) {
    String[] methods = {"GET", "HEAD", "DELETE", "OPTIONS", "PATCH", word(random, 3, 8)};
    String method = methods[random.nextInt(methods.length)];
    StringBuilder path = new StringBuilder(random.nextBoolean() ? "/v1/objects" : "");
    for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
      path.append('/').append(word(random, 1, 12).toLowerCase(java.util.Locale.ROOT));
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(plain.resolve(path.toString()))
        .timeout(Duration.ofSeconds(30)).method(method, BodyPublishers.noBody());
    for (int i = 0, n = random.nextInt(4); i < n; i++) {
      request.header("X-" + word(random, 2, 10), word(random, 0, 40));
    }
    if (random.nextBoolean()) {
      request.header("Authorization", "Bearer " + TestingCvosServer.API_KEY);
    } else if (random.nextBoolean()) {
      request.header("Authorization", "Bearer " + word(random, 1, 60));
    }
    if (random.nextInt(4) == 0) {
      request.header("Range", "bytes=" + random.nextInt(100) + "-" + (random.nextInt(200) - 50));
    }
    return request.build();
  }

  private static String word(Random random, int min, int max) {
    StringBuilder word = new StringBuilder();
    for (int i = 0, n = min + random.nextInt(max - min + 1); i < n; i++) {
      word.append((char) ('A' + random.nextInt(26)));
    }
    return word.toString();
  }

  @Test
  @Order(3)
  void malformedRequestsAreClientErrorsNeverServerErrors() throws Exception {
    RawHttps raw = new RawHttps(https, base.resolve("data/tls/server.crt"));
    String auth = "Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\n";
    Map<String, RawHttps.Answer> answers = new java.util.LinkedHashMap<>();
    answers.put("oversized header", raw.send("GET", "/v1/objects/b/k", auth + "X-Big: " + "a".repeat(64 << 10) + "\r\n", ""));
    answers.put("10,000 segments", raw.send("GET", "/v1/objects/b" + "/a".repeat(10_000), auth, ""));
    answers.put("bad percent-encoding", raw.send("GET", "/v1/objects/b/%zz", auth, ""));
    answers.put("truncated percent-encoding", raw.send("GET", "/v1/objects/b/k%", auth, ""));
    answers.put("header injection in a value", raw.send("GET", "/v1/objects/b/k", auth + "X-A: a\rX-Cvos-Relayed: 1\r\n", ""));
    answers.put("bare LF header injection", raw.send("GET", "/v1/objects/b/k", auth + "X-A: a\nX-Cvos-Relayed: 1\r\n", ""));
    answers.put("two content lengths", raw.send("PUT", "/v1/objects/b/k", auth + "Content-Length: 1\r\n", "xy"));
    answers.put("chunked and content length", raw.send("PUT", "/v1/objects/b/k", auth
        + "Transfer-Encoding: chunked\r\n", "1\r\nx\r\n0\r\n\r\n"));
    answers.put("NUL in the path", raw.send("GET", "/v1/objects/b/%00", auth, ""));
    answers.put("control in a header name", raw.send("GET", "/v1/objects/b/k", auth + "X\u0001A: a\r\n", ""));
    answers.forEach((what, answer) -> assertThat(answer.status()).as(what + ": " + answer).isBetween(400, 499));
    try (NormalClients normal = NormalClients.start(2)) {
      normal.runFor(Duration.ofMillis(500));
      normal.assertServed(Duration.ofSeconds(1));
    }
  }

  @Test
  @Order(4)
  void aThousandConnectionsDroppedMidRequestLeaveTheServerServing() throws Exception {
    try (NormalClients normal = NormalClients.start(4)) {
      List<Future<?>> drops = new ArrayList<>();
      ExecutorService openers = Executors.newFixedThreadPool(8);
      for (int i = 0; i < 1000; i++) {
        int n = i;
        drops.add(openers.submit(() -> {
          try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(plain.getHost(), plain.getPort()), 10_000);
            OutputStream out = socket.getOutputStream();
            String request = switch (n % 3) {
              case 0 -> "GET /v1/objects/" + BUCKET + "/" + KEY + " HTTP/1.1\r\nHost: x\r\nAuthor";
              case 1 -> "PUT /v1/objects/" + BUCKET + "/dropped-" + n + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TestingCvosServer.API_KEY + "\r\nContent-Length: 100000\r\n\r\n" + "y".repeat(5_000);
              default -> "GET /v1/objects/" + BUCKET + "/" + KEY + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + TestingCvosServer.API_KEY + "\r\n\r\n";
            };
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            socket.setSoLinger(true, 0);
          }
          return null;
        }));
      }
      try {
        for (Future<?> f : drops) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        openers.shutdownNow();
      }
      normal.runFor(Duration.ofSeconds(1));
      // served, not starved: the bound is looser than for slow bodies, since the test's own 1,000
      // connections compete with the server for this machine's cores
      normal.assertServed(Duration.ofSeconds(5));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!ProcessFixture.temporaryFiles(ProcessFixture.storageRoot(base)).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(ProcessFixture.temporaryFiles(ProcessFixture.storageRoot(base))).as("uploads cut off").isEmpty();
    assertThat(client().head(BUCKET, "dropped-1").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void aStoppedDatabaseGetsEveryRequestAnsweredInTimeAndTheServerRecovers() throws Exception {
    WireClient client = client();
    HttpClient anonymous = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    List<String> late = new ArrayList<>();
    List<String> answers = new ArrayList<>();
    signalPostgres("STOP");
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      int i = 0;
      while (System.nanoTime() < end) {
        i++;
        List<Future<String>> round = List.of(
            THREADS.submit(() -> timed("GET", () -> client.get(BUCKET, KEY, Map.of()).statusCode())),
            THREADS.submit(() -> timed("HEAD", () -> client.head(BUCKET, KEY).statusCode())),
            THREADS.submit(() -> timed("PUT", () -> client.exchange("PUT", "/v1/objects/" + BUCKET + "/during-stop",
                Map.of(), BodyPublishers.ofString("x")).statusCode())),
            THREADS.submit(() -> timed("DELETE", () -> client.exchange("DELETE", "/v1/objects/" + BUCKET + "/nothing",
                Map.of(), BodyPublishers.noBody()).statusCode())),
            THREADS.submit(() -> timed("LIST", () -> client.exchange("GET", "/v1/objects/" + BUCKET, Map.of(),
                BodyPublishers.noBody()).statusCode())),
            THREADS.submit(() -> timed("CLUSTER", () -> client.cluster() == null ? 0 : 200)),
            THREADS.submit(() -> timed("READY", () -> anonymous.send(HttpRequest.newBuilder(plain.resolve("/health/ready"))
                .build(), BodyHandlers.discarding()).statusCode())));
        for (Future<String> f : round) {
          String outcome = f.get(60, TimeUnit.SECONDS);
          answers.add(i + " " + outcome);
          if (outcome.startsWith("LATE")) {
            late.add(i + " " + outcome);
          }
        }
      }
    } finally {
      signalPostgres("CONT");
    }
    assertThat(late).as("requests not answered within %s + slack (all: %s)", RELAY_BOUND, answers).isEmpty();
    assertThat(answers).as("every answer is a success or 503").allSatisfy(a ->
        assertThat(a).containsPattern(" (2\\d\\d|304|404|503|EXCEPTION.*)\\b"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int delete = 0;
    while (System.nanoTime() < deadline) {
      delete = client.exchange("DELETE", "/v1/objects/" + BUCKET + "/nothing", Map.of(), BodyPublishers.noBody())
          .statusCode();
      if (delete == 404 || delete == 204) {
        break;
      }
      Thread.sleep(200);
    }
    assertThat(delete).as("a DELETE after the database came back").isIn(204, 404);
    int ready = 0;
    while (System.nanoTime() < deadline && ready != 200) {
      ready = client.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody()).statusCode();
      Thread.sleep(200);
    }
    assertThat(ready).as("ready after the database came back").isEqualTo(200);
  }

  private interface Call {
    int status() throws Exception;
  }

  private static String timed(String what, Call call) {
    long start = System.nanoTime();
    String outcome;
    try {
      outcome = what + " " + call.status();
    } catch (Exception e) {
      outcome = what + " EXCEPTION " + e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String line = outcome + " in " + took.toMillis() + " ms";
    return took.compareTo(RELAY_BOUND.plus(LOAD_SLACK)) > 0 ? "LATE " + line : line;
  }

  private static WireClient client() throws Exception {
    return WireClient.builder(https).trustCertificate(base.resolve("data/tls/server.crt"))
        .apiKey(TestingCvosServer.API_KEY).requestTimeout(Duration.ofSeconds(30)).build();
  }

  /** The embedded PostgreSQL's postmaster and its backends, signalled together. */
  private static void signalPostgres(String signal) throws IOException, InterruptedException {
    Path pidFile = base.resolve("db/postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
    List<String> command = new ArrayList<>(List.of("kill", "-" + signal, Long.toString(pid)));
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> command.add(Long.toString(d.pid()))));
    Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
    kill.getInputStream().readAllBytes();
    kill.waitFor(30, TimeUnit.SECONDS);
  }

  private static void stopLeftoverPostgres() throws IOException {
    Path pidFile = base.resolve("db/postmaster.pid");
    if (Files.exists(pidFile)) {
      long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /** Clients reading the normal object in a loop over HTTPS, each on its own connection. */
  private static final class NormalClients implements AutoCloseable {
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final List<Future<?>> loops = new ArrayList<>();

    static NormalClients start(int count) throws Exception {
      NormalClients clients = new NormalClients();
      for (int i = 0; i < count; i++) {
        WireClient client = client();
        // a first request outside the measure: the TLS handshake and the client's warm-up
        client.get(BUCKET, KEY, Map.of()).body().close();
        clients.loops.add(THREADS.submit(() -> {
          while (clients.running.get()) {
            long start = System.nanoTime();
            try {
              HttpResponse<InputStream> get = client.get(BUCKET, KEY, Map.of());
              try (InputStream body = get.body()) {
                String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                if (get.statusCode() != 200 || !text.equals(PAYLOAD)) {
                  clients.failures.add(get.statusCode() + " " + text);
                }
              }
            } catch (IOException e) {
              clients.failures.add(e.toString());
            }
            clients.latencies.add(System.nanoTime() - start);
          }
          return null;
        }));
      }
      return clients;
    }

    void runFor(Duration duration) throws InterruptedException {
      Thread.sleep(duration.toMillis());
    }

    /** Stops the loops and asserts every read succeeded, the 99th percentile within {@code p99}. */
    void assertServed(Duration p99) throws Exception {
      close();
      List<Long> sorted = new ArrayList<>(latencies);
      Collections.sort(sorted);
      assertThat(failures).as("normal clients' failures").isEmpty();
      assertThat(sorted).as("normal clients' requests").hasSizeGreaterThanOrEqualTo(10);
      Duration observed = Duration.ofNanos(sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99))));
      assertThat(observed).as("normal clients' p99 over %d requests", sorted.size()).isLessThan(p99);
    }

    @Override
    public void close() throws Exception {
      running.set(false);
      for (Future<?> loop : loops) {
        loop.get(60, TimeUnit.SECONDS);
      }
    }
  }
}
