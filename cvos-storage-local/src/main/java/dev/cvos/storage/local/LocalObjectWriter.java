package dev.cvos.storage.local;

import dev.cvos.storage.spi.ObjectAlreadyExistsException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import dev.cvos.storage.spi.format.ObjectFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts objects into place atomically: body into a temporary file beside the target, forced to
 * disk, then renamed over the target (or, create-only, hard-linked to a name that must not exist
 * yet), then the directory forced. A crash at any point leaves either the old object or the new
 * one under the name, and at most a temporary file that the next start removes.
 */
final class LocalObjectWriter {
  private static final Logger LOG = LoggerFactory.getLogger(LocalObjectWriter.class);
  private static final int CREATE_ONLY_ATTEMPTS = 3;

  private final Path root;
  private final boolean fsync;
  private final String serverId;
  private final Clock clock;
  private final ObjectFileWriter writer;

  LocalObjectWriter(Path root, boolean fsync, String serverId, Clock clock) {
    this.root = root;
    this.fsync = fsync;
    this.serverId = serverId;
    this.clock = clock;
    this.writer = new ObjectFileWriter(clock);
  }

  ObjectMetadata put(WriteRequest request, InputStream body, Path target) throws IOException {
    Path directory = target.getParent();
    ensureDirectory(directory);
    Path temporary = directory.resolve(ObjectFileLayout.temporaryFileName(serverId));
    try {
      ObjectMetadata metadata;
      try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        metadata = writer.write(request, body, file);
        if (fsync) {
          file.force(true);
        }
      }
      if (request.mode() == WriteMode.CREATE_ONLY) {
        linkIfAbsent(temporary, target, request);
      } else {
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      }
      if (fsync) {
        ObjectFiles.forceDirectory(directory);
      }
      return metadata;
    } catch (IOException e) {
      throw ObjectFiles.translateWriteFailure(e, request.bucket() + "/" + request.key());
    } finally {
      deleteTemporary(temporary);
    }
  }

  private void linkIfAbsent(Path temporary, Path target, WriteRequest request) throws IOException {
    for (int attempt = 0; attempt < CREATE_ONLY_ATTEMPTS; attempt++) {
      try {
        Files.createLink(target, temporary);
        return;
      } catch (FileAlreadyExistsException e) {
        if (!removeIfExpired(target, clock.instant())) {
          throw new ObjectAlreadyExistsException(
              "an object exists under " + request.bucket() + "/" + request.key(), e);
        }
      }
    }
    throw new ObjectAlreadyExistsException(
        "an object keeps appearing under " + request.bucket() + "/" + request.key());
  }

  /**
   * Removes the object file at {@code target} if it has expired at {@code now}, safely against a
   * writer that replaces it meanwhile: the file is first renamed aside, and put back if what was
   * renamed turns out to be a live object.
   *
   * @return true if no object is at {@code target} any more because of this call or another
   */
  boolean removeIfExpired(Path target, Instant now) throws IOException {
    Optional<ObjectFileHeader> header = ObjectFiles.readHeaderIfPresent(target);
    if (header.isEmpty()) {
      return true;
    }
    if (!header.get().metadata().isExpiredAt(now)) {
      return false;
    }
    Path aside = target.resolveSibling(ObjectFileLayout.temporaryFileName(serverId));
    try {
      Files.move(target, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (NoSuchFileException e) {
      return true;
    }
    try {
      Optional<ObjectFileHeader> moved = ObjectFiles.readHeaderIfPresent(aside);
      if (moved.isPresent() && !moved.get().metadata().isExpiredAt(now)) {
        try {
          Files.createLink(target, aside);
        } catch (FileAlreadyExistsException e) {
          LOG.debug("A newer object replaced {} while it was put back", target);
        }
        return false;
      }
      return true;
    } finally {
      Files.deleteIfExists(aside);
      if (fsync) {
        ObjectFiles.forceDirectory(target.getParent());
      }
    }
  }

  private void ensureDirectory(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw ObjectFiles.translateWriteFailure(e, directory.toString());
    }
    if (fsync) {
      for (Path parent = directory.getParent(); parent != null && parent.startsWith(root); parent = parent.getParent()) {
        ObjectFiles.forceDirectory(parent);
      }
    }
  }

  private static void deleteTemporary(Path temporary) {
    try {
      Files.deleteIfExists(temporary);
    } catch (IOException e) {
      LOG.warn("Could not remove temporary file {}; the next start removes it: {}", temporary, e.toString());
    }
  }
}
