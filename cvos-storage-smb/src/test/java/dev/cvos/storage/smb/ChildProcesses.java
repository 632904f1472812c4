package dev.cvos.storage.smb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs and kills the child processes of the SMB test harness (only ones it started). */
final class ChildProcesses {
  private static final long WAIT_SECONDS = 10;

  private ChildProcesses() {}

  /**
   * Runs a command to its end, its output in {@code logs}.
   *
   * @throws IllegalStateException with the output, if it fails
   */
  static void run(Path logs, String... command) throws IOException {
    Path output = logs.resolve(command[0] + ".out");
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    if (!waitFor(process.toHandle()) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed (mounting the small "
          + "share needs root): " + Files.readString(output, UTF_8));
    }
  }

  /** Kills a process and every process it forked, as a crash would, and waits for them. */
  static void killTree(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    waitFor(process.toHandle());
    children.forEach(ChildProcesses::waitFor);
  }

  /** Waits a bounded time for a process to end; false if it did not. */
  static boolean waitFor(ProcessHandle process) {
    try {
      process.onExit().get(WAIT_SECONDS, TimeUnit.SECONDS);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
