package dev.cvos.storage.local;

import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the temporary files a crash left in a store's folder. This server's own are removed at
 * once: nothing of this server writes them before the store is open. Another server's are removed
 * only when older than the configured age, because on a shared folder that server may be writing
 * one right now.
 */
final class TemporaryFileSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(TemporaryFileSweeper.class);

  private final Path root;
  private final String serverId;
  private final Clock clock;
  private final Duration maxAge;

  TemporaryFileSweeper(Path root, String serverId, Clock clock, Duration maxAge) {
    this.root = root;
    this.serverId = serverId;
    this.clock = clock;
    this.maxAge = maxAge;
  }

  /** Walks the folder and removes what is due; returns how many files it removed. */
  int sweep() throws IOException {
    Instant cutoff = clock.instant().minus(maxAge);
    int[] counts = new int[2];
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        String name = file.getFileName().toString();
        if (!attributes.isRegularFile() || !ObjectFileLayout.isTemporaryFileName(name)) {
          return FileVisitResult.CONTINUE;
        }
        boolean own = ObjectFileLayout.isTemporaryFileOf(name, serverId);
        if (own || attributes.lastModifiedTime().toInstant().isBefore(cutoff)) {
          if (Files.deleteIfExists(file)) {
            counts[own ? 0 : 1]++;
          }
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException failure) throws IOException {
        if (failure instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE;
        }
        throw failure;
      }
    });
    if (counts[0] + counts[1] > 0) {
      LOG.info("Removed {} temporary files of server {} and {} stale ones of other servers from {}",
          counts[0], serverId, counts[1], root);
    }
    return counts[0] + counts[1];
  }
}
