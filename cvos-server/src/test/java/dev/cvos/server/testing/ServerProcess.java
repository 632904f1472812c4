package dev.cvos.server.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CVOS server as a separate JVM process started through the real {@code main}, for the tests
 * that need a process: a small heap, a signal, a bad configuration file. Output goes to a
 * {@code <base>/server-*.out} file of its own.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Pattern HTTPS = Pattern.compile("serving HTTPS on (https://\\S+)");
  /**
   * The server's own start line ({@code CvosServer}), logged once its shutdown hook is installed.
   * Not just "started:": other lines logged during the start hold it too (the peer forwarder's
   * "forwarding client started: ..."), and a SIGTERM before the hook exists ends the JVM at once,
   * without the graceful stop a test means to exercise.
   */
  private static final Pattern STARTED = Pattern.compile("CVOS \\S+ server \\S+ started: ");

  private final Process process;
  private final Path output;

  private ServerProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code main} with {@code config}, {@code cvos.home} = {@code baseDir} and the given JVM options. */
  public static ServerProcess start(Path baseDir, Path config, List<String> jvmOptions) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dcvos.home=" + baseDir);
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add("dev.cvos.server.CvosServer");
    command.add(config.toString());
    Path output = Files.createTempFile(baseDir, "server-", ".out");
    Process process = new ProcessBuilder(command)
        .directory(baseDir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.to(output.toFile()))
        .start();
    return new ServerProcess(process, output);
  }

  /** Waits for the server to serve and returns its HTTPS base URI; fails with the output if it exits. */
  public URI awaitStarted(Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      String text = output();
      Matcher m = HTTPS.matcher(text);
      if (m.find() && STARTED.matcher(text).find()) {
        return URI.create(m.group(1));
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("the server process exited with " + process.exitValue() + ":\n" + text);
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the server did not start within " + timeout + ":\n" + output());
  }

  /** Everything the process printed so far. */
  public String output() throws IOException {
    return Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
  }

  /** Sends SIGTERM (a graceful stop). */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the process to exit and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("the server process did not exit within " + timeout);
    }
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Kills the process if it still runs. */
  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
