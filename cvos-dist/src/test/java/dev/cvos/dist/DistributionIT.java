package dev.cvos.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution, as an operator uses it: unpack the tar.gz with tar, then bin/start,
 * bin/status, objects over HTTPS (verifying the server's own certificate), bin/cvos backup while it
 * serves, bin/start refused, bin/stop, bin/stop refused. Real processes, real sockets.
 */
class DistributionIT {
  private static final String API_KEY = "dist-test-key-0123456789abcdef";

  @TempDir
  Path temp;

  private Path home;
  private final Map<String, String> environment = new HashMap<>();

  /** What a script printed and returned. */
  record Run(int code, String output) {}

  private Run run(String script, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>();
    command.add(home.resolve("bin").resolve(script).toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Path output = Files.createTempFile(temp, script, ".out");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    assertThat(process.waitFor(240, TimeUnit.SECONDS)).as(script + " finished").isTrue();
    return new Run(process.exitValue(), Files.readString(output));
  }

  @AfterEach
  void stopLeftovers() throws Exception {
    if (home != null && Files.exists(home.resolve("var/run/cvos.pid"))) {
      run("stop");
    }
  }

  private void unpack() throws Exception {
    Path archive = Path.of(System.getProperty("cvos.dist.archive"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", temp.toString())
        .inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    home = temp.resolve("cvos-" + System.getProperty("cvos.dist.version"));
  }

  @Test
  void startServeBackUpAndStopTheUnpackedDistribution() throws Exception {
    unpack();
    assertThat(home.resolve("lib")).isDirectory();
    assertThat(home.resolve("plugins")).isEmptyDirectory();
    assertThat(home.resolve("conf/cvos.yaml")).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("conf/cvos.yaml"))))
        .as("the configuration holds keys and passwords").isEqualTo("rw-------");
    assertThat(home.resolve("conf/logback.xml")).isRegularFile();
    assertThat(home.resolve("systemd/cvos.service")).isRegularFile();
    assertThat(home.resolve("docs")).isDirectoryContaining(path -> path.endsWith("plugin-guide.md"))
        .isDirectoryContaining(path -> path.endsWith("integrator-guide.md"))
        .isDirectoryContaining(path -> path.endsWith("http-api.md"));
    assertThat(home.resolve("examples/cvos-example-store/pom.xml")).isRegularFile();
    assertThat(home.resolve("examples/cvos-example-client/src/main/java/com/example/events/EventArchive.java"))
        .isRegularFile();
    int port = freePort();
    environment.put("CVOS_HTTP_HTTPS_PORT", Integer.toString(port));
    environment.put("CVOS_AUTH_API_KEYS", API_KEY);
    environment.put("CVOS_SERVER_ID", "dist-test");
    environment.put("CVOS_JAVA_OPTS", "-Xmx256m");
    environment.put("CVOS_STOP_TIMEOUT", "30");

    Run statusBefore = run("status");
    assertThat(statusBefore.code()).isEqualTo(3);
    assertThat(statusBefore.output()).contains("CVOS is not running");

    Run start = run("start");
    assertThat(start.code()).as(start.output()).isZero();
    assertThat(start.output()).contains("CVOS started (pid");

    Run status = run("status");
    assertThat(status.code()).isZero();
    assertThat(status.output()).contains("CVOS is running (pid");

    HttpClient client = HttpClient.newBuilder()
        .sslContext(trusting(home.resolve("var/tls/server.crt")))
        .connectTimeout(Duration.ofSeconds(5)).build();
    URI object = URI.create("https://localhost:" + port + "/v1/objects/images/dist-test-object");
    HttpResponse<String> put = client.send(HttpRequest.newBuilder(object)
        .header("Authorization", "Bearer " + API_KEY).header("Content-Type", "text/plain")
        .PUT(HttpRequest.BodyPublishers.ofString("hello from the distribution")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(object)
        .header("Authorization", "Bearer " + API_KEY).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body()).isEqualTo("hello from the distribution");

    Path backup = temp.resolve("full.tar.gz");
    Run backupRun = run("cvos", "backup", "--output", backup.toString());
    assertThat(backupRun.code()).as(backupRun.output()).isZero();
    assertThat(backupRun.output()).contains("full backup of server dist-test: 1 objects");
    assertThat(backup).isRegularFile();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");

    Run again = run("start");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.output()).contains("CVOS is already running");

    long pid = Long.parseLong(Files.readString(home.resolve("var/run/cvos.pid")).trim());
    Run stop = run("stop");
    assertThat(stop.code()).as(stop.output()).isZero();
    assertThat(stop.output()).contains("CVOS stopped");
    assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    assertThat(Files.readString(home.resolve("var/log/server.log"))).contains("stopped")
        .containsPattern("Storage: provider local, root .*/var/objects");

    Run stopAgain = run("stop");
    assertThat(stopAgain.code()).isEqualTo(1);
    assertThat(stopAgain.output()).contains("CVOS is not running");
  }

  @Test
  void startThatFailsSaysWhyWithTheLogsLastLinesAndLeavesNothingRunning() throws Exception {
    unpack();
    environment.put("CVOS_HTTP_HTTPS_PORT", Integer.toString(freePort()));
    environment.put("CVOS_AUTH_API_KEYS", API_KEY);
    environment.put("CVOS_SERVER_ROLE", "chief");

    Run start = run("start");

    assertThat(start.code()).isEqualTo(1);
    assertThat(start.output()).contains("CVOS did not start: invalid configuration")
        .contains("server.role").contains("chief");
    assertThat(home.resolve("var/run/cvos.pid")).doesNotExist();
    Run status = run("status");
    assertThat(status.code()).isEqualTo(3);
  }

  @Test
  void aMisspeltProviderIsOneSentenceWithTheFixOnTheTerminalAndOnceInTheLog() throws Exception {
    unpack();
    environment.put("CVOS_HTTP_HTTPS_PORT", Integer.toString(freePort()));
    environment.put("CVOS_AUTH_API_KEYS", API_KEY);
    environment.put("CVOS_STORAGE_PROVIDER", "locl");

    Run start = run("start");

    assertThat(start.code()).isEqualTo(1);
    assertOneSentence(start, "CVOS did not start: storage.provider is 'locl', but no store provider has"
        + " that name; available: [local, smb]", "set storage.provider to one of them");
  }

  @Test
  void aJarDirectlyInPluginsIsOneSentenceWithTheFix() throws Exception {
    unpack();
    environment.put("CVOS_HTTP_HTTPS_PORT", Integer.toString(freePort()));
    environment.put("CVOS_AUTH_API_KEYS", API_KEY);
    Files.write(home.resolve("plugins/store.jar"), new byte[] {'P', 'K', 5, 6});

    Run start = run("start");

    assertThat(start.code()).isEqualTo(1);
    assertOneSentence(start, "CVOS did not start: plugins directory", "holds store.jar, which is not a"
        + " directory", "move store.jar into a directory of its own");
  }

  /** The terminal shows the reason, not a log tail or a stack; the log has it once, no Guice dump. */
  private void assertOneSentence(Run start, String... parts) throws IOException {
    assertThat(start.output()).contains(parts).doesNotContain("The last lines of", "com.google.inject",
        "\tat ");
    String log = Files.readString(home.resolve("var/log/server.log"));
    assertThat(log.split("CVOS cannot start", -1)).as("times the reason is logged").hasSize(2);
    assertThat(log).doesNotContain("com.google.inject", "Guice");
  }

  @Test
  void stopKillsAServerThatIgnoresSigtermAfterTheTimeout() throws Exception {
    unpack();
    // a stand-in for a server stuck in shutdown: it ignores SIGTERM, and its command line names
    // the server's main class as the scripts expect
    Process stuck = new ProcessBuilder("sh", "-c", "trap '' TERM; while :; do sleep 0.1; done",
        "dev.cvos.server.CvosServer").start();
    try {
      Files.createDirectories(home.resolve("var/run"));
      Files.writeString(home.resolve("var/run/cvos.pid"), stuck.pid() + "\n");
      environment.put("CVOS_STOP_TIMEOUT", "1");

      Run stop = run("stop");

      assertThat(stop.code()).isEqualTo(2);
      assertThat(stop.output()).contains("did not stop within 1s; killing it");
      assertThat(stuck.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(home.resolve("var/run/cvos.pid")).doesNotExist();
    } finally {
      stuck.destroyForcibly();
    }
  }

  @Test
  void aStalePidFileOfAnotherProgramIsNotMistakenForTheServer() throws Exception {
    unpack();
    Process other = new ProcessBuilder("sleep", "30").start();
    try {
      Files.createDirectories(home.resolve("var/run"));
      Files.writeString(home.resolve("var/run/cvos.pid"), other.pid() + "\n");

      Run stop = run("stop");

      assertThat(stop.code()).isEqualTo(1);
      assertThat(stop.output()).contains("CVOS is not running");
      assertThat(other.isAlive()).isTrue();
    } finally {
      other.destroyForcibly();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("cvos", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
