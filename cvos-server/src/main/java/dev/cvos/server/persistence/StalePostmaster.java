package dev.cvos.server.persistence;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A postmaster left running over the embedded data directory by a CVOS process that was killed
 * (pg_ctl detaches the postmaster, so it outlives a {@code kill -9} of the JVM). Left alone, it
 * holds {@code postmaster.pid} and the next start fails; it is asked to shut down first. A
 * postmaster of a live process is never touched: that process holds zonky's lock file in the data
 * directory, and then the start is refused with a clear message instead.
 */
final class StalePostmaster {
  private static final Logger LOG = LoggerFactory.getLogger(StalePostmaster.class);
  private static final long SHUTDOWN_WAIT_SECONDS = 15;
  /** The file zonky's EmbeddedPostgres holds locked in the data directory while it runs it. */
  private static final String LOCK_FILE = "epg-lock";

  private StalePostmaster() {}

  static void stopIfRunning(Path dataDirectory) throws IOException {
    refuseIfInUse(dataDirectory);
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return;
    }
    Optional<ProcessHandle> postmaster = postmaster(pidFile);
    if (postmaster.isEmpty()) {
      return;
    }
    ProcessHandle process = postmaster.get();
    LOG.warn("A PostgreSQL server (pid {}) is still running over {}, left by a CVOS process that "
        + "did not stop cleanly; shutting it down", process.pid(), dataDirectory);
    process.destroy();
    try {
      process.onExit().get(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for PostgreSQL pid " + process.pid()
          + " to stop", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("PostgreSQL pid " + process.pid() + " over " + dataDirectory
          + " did not stop within " + SHUTDOWN_WAIT_SECONDS + "s; stop it by hand", e);
    }
  }

  private static void refuseIfInUse(Path dataDirectory) throws IOException {
    Path lockFile = dataDirectory.resolve(LOCK_FILE);
    if (!Files.exists(lockFile)) {
      return;
    }
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock()) {
      if (lock == null) {
        throw new IOException("the data directory " + dataDirectory
            + " is in use by another running process");
      }
    } catch (OverlappingFileLockException e) {
      throw new IOException("the data directory " + dataDirectory
          + " is in use by another database of this process", e);
    }
  }

  /** The live postgres process named in the pid file, if it serves this very data directory. */
  private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
    if (lines.isEmpty()) {
      return Optional.empty();
    }
    long pid;
    try {
      pid = Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String directory = pidFile.getParent().toString();
    return ProcessHandle.of(pid)
        .filter(ProcessHandle::isAlive)
        .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
        .filter(p -> p.info().arguments().map(List::of).orElse(List.of()).contains(directory));
  }
}
