package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A command a reader runs in the foreground (a server, the demo cluster), as a real process of
 * {@code bash -c}: its output in a file, a wait for a line it prints, a SIGTERM, and a check that
 * nothing it started is left running. {@link #close()} kills what is left (also on failure).
 */
final class ForegroundCommand implements AutoCloseable {
  private final String command;
  private final Process process;
  private final Path output;
  private final List<ProcessHandle> seen = new ArrayList<>();

  private ForegroundCommand(String command, Process process, Path output) {
    this.command = command;
    this.process = process;
    this.output = output;
  }

  /** Starts {@code command} with {@code bash -c} in {@code directory}; output to a file in {@code temp}. */
  static ForegroundCommand start(String command, Path directory, Path temp, Map<String, String> environment)
      throws IOException {
    Path output = Files.createTempFile(temp, "foreground-", ".out");
    // exec: the command itself gets the signal, as it does when a reader presses Ctrl-C
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", "exec " + command)
        .directory(directory.toFile())
        .redirectErrorStream(true)
        .redirectOutput(output.toFile());
    builder.environment().putAll(environment);
    return new ForegroundCommand(command, builder.start(), output);
  }

  /** Waits until the output holds {@code text}; fails with the output if the command exits first. */
  void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!output().contains(text)) {
      assertThat(process.isAlive())
          .as("'%s' exited (%s) before printing '%s'; it printed:%n%s", command,
              process.isAlive() ? "-" : process.exitValue(), text, output())
          .isTrue();
      assertThat(Instant.now()).as("'%s' did not print '%s' within %s; it printed:%n%s",
          command, text, timeout, output()).isBefore(deadline);
      Thread.sleep(250);
    }
    process.descendants().forEach(seen::add);
  }

  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  /**
   * Sends SIGTERM, waits for the exit, and asserts that neither the process, nor any process it
   * had started, nor any process whose command line names {@code marker} (a daemon it started,
   * such as a postmaster, is no longer its descendant) is left running.
   */
  int terminateAndAssertNothingLeft(String marker, Duration timeout) throws Exception {
    process.descendants().forEach(seen::add);
    process.destroy();
    assertThat(process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
        .as("'%s' exited within %s of SIGTERM; it printed:%n%s", command, timeout, output()).isTrue();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!leftovers(marker).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
    }
    assertThat(leftovers(marker)).as("processes left running after '%s' stopped", command).isEmpty();
    return process.exitValue();
  }

  private List<String> leftovers(String marker) throws IOException {
    List<String> left = new ArrayList<>();
    for (ProcessHandle handle : seen) {
      if (handle.isAlive()) {
        left.add(handle.pid() + " " + handle.info().commandLine().orElse("?"));
      }
    }
    long self = ProcessHandle.current().pid();
    try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
      for (Path proc : processes.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
        if (Long.parseLong(proc.getFileName().toString()) == self) {
          continue;
        }
        try {
          String commandLine = new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
              .replace('\0', ' ');
          if (commandLine.contains(marker)) {
            left.add(proc.getFileName() + " " + commandLine);
          }
        } catch (IOException gone) {
          // the process ended meanwhile
        }
      }
    }
    return left;
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(seen::add);
    for (ProcessHandle handle : seen) {
      handle.destroyForcibly();
    }
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
