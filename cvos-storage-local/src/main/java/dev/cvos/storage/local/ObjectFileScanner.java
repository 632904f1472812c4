package dev.cvos.storage.local;

import dev.cvos.storage.spi.InvalidNameException;
import dev.cvos.storage.spi.format.CorruptObjectFileException;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks a bucket's directory and reads the header of every object file in it. Temporary files,
 * foreign files, corrupt files (logged) and files that are not where their key puts them (a file
 * copied into the wrong folder, logged) are passed over; a file removed during the walk is too.
 */
final class ObjectFileScanner {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectFileScanner.class);

  /** What the scanner hands each object file to. */
  @FunctionalInterface
  interface Visitor {
    void visit(Path file, ObjectFileHeader header) throws IOException;
  }

  private ObjectFileScanner() {}

  /** Visits every object file of {@code bucket} under {@code bucketDirectory}. */
  static void scan(String bucket, Path bucketDirectory, Visitor visitor) throws IOException {
    for (Path fanOut1 : children(bucketDirectory)) {
      for (Path fanOut2 : children(fanOut1)) {
        for (Path file : children(fanOut2)) {
          if (ObjectFileLayout.isObjectFileName(file.getFileName().toString())) {
            Optional<ObjectFileHeader> header = read(bucket, file);
            if (header.isPresent()) {
              visitor.visit(file, header.get());
            }
          }
        }
      }
    }
  }

  /** Whether a bucket directory holds at least one object file (expired or not). */
  static boolean holdsAnObjectFile(Path bucketDirectory) throws IOException {
    for (Path fanOut1 : children(bucketDirectory)) {
      for (Path fanOut2 : children(fanOut1)) {
        for (Path file : children(fanOut2)) {
          if (ObjectFileLayout.isObjectFileName(file.getFileName().toString())) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static Optional<ObjectFileHeader> read(String bucket, Path file) throws IOException {
    try {
      Optional<ObjectFileHeader> header = ObjectFiles.readHeaderIfPresent(file);
      if (header.isPresent()) {
        String key = header.get().metadata().key();
        if (!header.get().metadata().bucket().equals(bucket)
            || !ObjectFileLayout.pathOf(bucket, key).fileName().equals(file.getFileName().toString())) {
          LOG.warn("Skipping object file {}: its header names bucket {} key {}, which do not live there",
              file, header.get().metadata().bucket(), key);
          return Optional.empty();
        }
      }
      return header;
    } catch (CorruptObjectFileException | InvalidNameException e) {
      LOG.warn("Skipping object file {}: {}", file, e.getMessage());
      return Optional.empty();
    }
  }

  /** The entries of a directory; none if it is gone or not a directory. */
  static java.util.List<Path> children(Path directory) throws IOException {
    java.util.List<Path> entries = new java.util.ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      stream.forEach(entries::add);
    } catch (NoSuchFileException | NotDirectoryException e) {
      return java.util.List.of();
    }
    return entries;
  }
}
