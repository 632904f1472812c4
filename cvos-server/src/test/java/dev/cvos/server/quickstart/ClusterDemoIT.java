package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Try a cluster" as a reader runs it: the built launcher {@code
 * target/cvos-cluster-demo DIR} as a process, the curl lines it prints run as printed (taken from
 * its output), {@code DIR/cluster.env}, then SIGTERM and nothing left running: no server JVM, no
 * PostgreSQL.
 */
class ClusterDemoIT {
  static final Path TARGET = Path.of(System.getProperty("cvos.server.target", "target"));
  static final String READY = "Ctrl-C (or SIGTERM) stops";

  @TempDir
  Path temp;

  @Test
  void theDemoClusterAnswersThePrintedCurlLinesAndStopsWhole() throws Exception {
    Path dir = temp.resolve("demo");
    String launcher = TARGET.resolve("cvos-cluster-demo").toAbsolutePath().toString();
    try (ForegroundCommand demo = ForegroundCommand.start(launcher + " " + dir, temp, temp, Map.of())) {
      demo.awaitOutput(READY, Duration.ofMinutes(6));

      Map<String, String> env = readEnv(dir.resolve("cluster.env"));
      assertThat(env).containsOnlyKeys("A_URL", "B_URL", "C_URL", "CVOS_KEY");
      assertThat(env.get("A_URL")).startsWith("http://127.0.0.1:");

      List<String> lines = whatToTry(demo.output());
      assertThat(lines).as("the printed lines to try").hasSizeGreaterThanOrEqualTo(5);
      assertThat(String.join("\n", lines)).contains("--data-binary", "$B_URL", "-X DELETE",
          "$C_URL", "/v1/cluster");
      Shell.Result tried = Shell.run(String.join("\n", lines), temp, Duration.ofMinutes(2));
      assertThat(tried.code()).as("the printed lines, run as printed:%n%s%n->%n%s",
          String.join("\n", lines), tried.output()).isZero();
      assertThat(tried.output())
          .contains("stored as a.")           // POST on a: a generated key naming server a
          .contains("X-Cvos-Server: b")       // read through b ...
          .contains("X-Cvos-Source: a")       // ... relayed from a
          .contains("hello, cluster")
          .contains("deleted: 204")           // the DELETE through c reached the copy
          .contains("\"id\":\"a\"", "\"id\":\"b\"", "\"id\":\"c\"", "\"state\":\"healthy\"");

      int code = demo.terminateAndAssertNothingLeft(dir.toString(), Duration.ofMinutes(2));
      assertThat(demo.output()).contains("The demo cluster has stopped.");
      assertThat(code).as("exit code after SIGTERM").isIn(0, 143);
      assertThat(dir.resolve("cluster.env")).doesNotExist();
    }
  }

  @Test
  void moreThanOneCopyIsRefusedUntilReplicationExists() throws Exception {
    Process process = new ProcessBuilder(TARGET.resolve("cvos-cluster-demo").toAbsolutePath().toString(),
        temp.resolve("demo").toString(), "--copies", "2").redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(2);
    assertThat(output).contains("--copies 2", "replication", "does not exist yet");
    assertThat(temp.resolve("demo")).doesNotExist();
  }

  /** The indented lines after "Try it", up to the next empty line. */
  static List<String> whatToTry(String output) {
    List<String> lines = new ArrayList<>();
    boolean inside = false;
    for (String line : output.split("\n", -1)) {
      if (line.startsWith("Try it")) {
        inside = true;
      } else if (inside && line.startsWith("  ")) {
        lines.add(line.substring(2));
      } else if (inside && line.isBlank() && !lines.isEmpty()) {
        break;
      }
    }
    return lines;
  }

  private static Map<String, String> readEnv(Path file) throws Exception {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }
}
