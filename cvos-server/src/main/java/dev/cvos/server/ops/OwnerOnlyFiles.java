package dev.cvos.server.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files that hold secrets (a full backup holds the configuration's keys and the database's
 * passwords; a restored configuration too) are created readable and writable by their owner only
 * ({@code 0600}) from the first byte, whatever the umask. On a file system without POSIX
 * permissions (Windows) the directory's access rules apply.
 */
final class OwnerOnlyFiles {
  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private OwnerOnlyFiles() {}

  /** A new file (an existing one is replaced) open for writing, owner-only. */
  static OutputStream create(Path file) throws IOException {
    Files.deleteIfExists(file);
    Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    return Channels.newOutputStream(Files.newByteChannel(file, options, attributes()));
  }

  /** Writes {@code bytes} to a new owner-only file (an existing one is replaced). */
  static void write(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = create(file)) {
      out.write(bytes);
    }
  }

  private static FileAttribute<?>[] attributes() {
    return POSIX ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }
}
