package dev.cvos.server.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs shell lines as a reader would paste them: {@code bash -eo pipefail}, output captured. */
final class Shell {
  record Result(int code, String output) {}

  private Shell() {}

  static Result run(String script, Path directory, Duration timeout) throws IOException, InterruptedException {
    return run(script, directory, timeout, Map.of());
  }

  static Result run(String script, Path directory, Duration timeout, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("cvos-shell-", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder("bash", "-eo", "pipefail", "-c", script)
          .directory(directory.toFile())
          .redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().putAll(environment);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        return new Result(-1, Files.readString(output, StandardCharsets.UTF_8)
            + "\n(killed: still running after " + timeout + ")");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output);
    }
  }
}
