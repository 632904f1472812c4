package dev.cvos.storage.local;

import dev.cvos.storage.spi.InsufficientStorageException;
import dev.cvos.storage.spi.StorageException;
import dev.cvos.storage.spi.format.CorruptObjectFileException;
import dev.cvos.storage.spi.format.ObjectFileFormat;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/** File operations the local store's classes share. */
final class ObjectFiles {
  private static final int FIRST_READ = 2048;
  /** Where the format keeps the header's length (see {@link ObjectFileFormat}). */
  private static final int HEADER_LENGTH_OFFSET = 12;

  private ObjectFiles() {}

  /**
   * The header of an object file, or empty if there is no file.
   *
   * @throws CorruptObjectFileException if the file is not a complete object file
   */
  static Optional<ObjectFileHeader> readHeaderIfPresent(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ObjectFileHeader header = readHeader(channel);
      checkLength(file, header, channel.size());
      return Optional.of(header);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads the header of an object file open at any position: usually with one read of its first
   * {@value #FIRST_READ} bytes (a header holds at most a bucket, a key of 1 KiB and the content
   * type), else with the two reads of {@link ObjectFileFormat#readHeader(ReadableByteChannel)}.
   * The channel's position afterwards is unspecified.
   *
   * @throws CorruptObjectFileException if the file is not a complete object file
   */
  static ObjectFileHeader readHeader(FileChannel channel) throws IOException {
    ByteBuffer first = ByteBuffer.allocate(FIRST_READ);
    int n = channel.read(first, 0);
    if (n >= HEADER_LENGTH_OFFSET + 4) {
      int declared = first.getInt(HEADER_LENGTH_OFFSET);
      if (declared > 0 && declared <= n) {
        return ObjectFileFormat.readHeader(new ByteArrayInputStream(first.array(), 0, n));
      }
    }
    channel.position(0);
    return ObjectFileFormat.readHeader(channel);
  }

  /** Refuses a file whose length is not what its header promises (cut short, or grown). */
  static void checkLength(Path file, ObjectFileHeader header, long actual)
      throws CorruptObjectFileException {
    if (actual != header.fileLength()) {
      throw new CorruptObjectFileException("object file " + file + " has " + actual
          + " bytes where its header promises " + header.fileLength());
    }
  }

  /** Forces a directory's entries (names created, renamed, removed) to disk. */
  static void forceDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /**
   * The exception to report for a failed write: "no space left" and "quota exceeded" become
   * {@link InsufficientStorageException}; anything else is returned as it is.
   */
  static IOException translateWriteFailure(IOException failure, String what) {
    if (failure instanceof StorageException) {
      return failure;
    }
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
      if (message.contains("no space left on device") || message.contains("disk quota exceeded")) {
        return new InsufficientStorageException("no room to store " + what + ": " + t.getMessage(), failure);
      }
    }
    return failure;
  }
}
