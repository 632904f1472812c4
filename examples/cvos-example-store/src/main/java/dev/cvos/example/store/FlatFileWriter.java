package dev.cvos.example.store;

import dev.cvos.storage.spi.InsufficientStorageException;
import dev.cvos.storage.spi.ObjectAlreadyExistsException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StorageException;
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
import java.util.Locale;
import java.util.Optional;

/**
 * Puts object files into place atomically: the body goes into a temporary file in the bucket's
 * directory, is forced to disk, then renamed over the object's name (or, create-only, hard-linked
 * to a name that must not exist yet), then the directory is forced. A crash leaves the old object
 * or the new one, and at most a temporary file the next open removes.
 */
final class FlatFileWriter {
  private static final int CREATE_ONLY_ATTEMPTS = 3;

  private final boolean fsync;
  private final String serverId;
  private final Clock clock;
  private final ObjectFileWriter writer;

  FlatFileWriter(boolean fsync, String serverId, Clock clock) {
    this.fsync = fsync;
    this.serverId = serverId;
    this.clock = clock;
    this.writer = new ObjectFileWriter(clock);
  }

  ObjectMetadata put(WriteRequest request, InputStream body, Path target) throws IOException {
    Path directory = target.getParent();
    Path temporary = directory.resolve(ObjectFileLayout.temporaryFileName(serverId));
    try {
      if (!Files.isDirectory(directory)) {
        Files.createDirectories(directory);
        force(directory.getParent());
      }
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
      force(directory);
      return metadata;
    } catch (IOException e) {
      throw translate(e, request.bucket() + "/" + request.key());
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private void linkIfAbsent(Path temporary, Path target, WriteRequest request) throws IOException {
    for (int attempt = 0; attempt < CREATE_ONLY_ATTEMPTS; attempt++) {
      try {
        Files.createLink(target, temporary);
        return;
      } catch (FileAlreadyExistsException e) {
        if (!removeIfExpired(target, clock.instant())) {
          throw new ObjectAlreadyExistsException("an object exists under " + request.bucket() + "/" + request.key(), e);
        }
      }
    }
    throw new ObjectAlreadyExistsException("an object keeps appearing under " + request.bucket() + "/" + request.key());
  }

  /**
   * Removes the object file at {@code target} if it has expired at {@code now}. The file is first
   * renamed aside and put back if what was renamed is live: a writer that replaced it meanwhile
   * keeps its object.
   *
   * @return true if no object is at {@code target} any more
   */
  boolean removeIfExpired(Path target, Instant now) throws IOException {
    Optional<ObjectFileHeader> header = FlatFileStore.readHeader(target);
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
      Optional<ObjectFileHeader> moved = FlatFileStore.readHeader(aside);
      if (moved.isPresent() && !moved.get().metadata().isExpiredAt(now)) {
        putBack(aside, target);
        return false;
      }
      return true;
    } finally {
      Files.deleteIfExists(aside);
      force(target.getParent());
    }
  }

  private static void putBack(Path aside, Path target) throws IOException {
    try {
      Files.createLink(target, aside);
    } catch (FileAlreadyExistsException e) {
      // A newer object took the name meanwhile: it wins, as the later write.
      return;
    }
  }

  /** Forces a directory's entries to disk, when this store forces at all. */
  void force(Path directory) throws IOException {
    if (fsync) {
      try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
        channel.force(true);
      }
    }
  }

  private static IOException translate(IOException failure, String what) {
    if (failure instanceof StorageException) {
      return failure;
    }
    String message = String.valueOf(failure.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("no space left on device") || message.contains("disk quota exceeded")) {
      return new InsufficientStorageException("no room to store " + what + ": " + failure.getMessage(), failure);
    }
    return failure;
  }
}
