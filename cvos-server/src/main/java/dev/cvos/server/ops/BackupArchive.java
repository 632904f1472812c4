package dev.cvos.server.ops;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.server.persistence.DatabaseContent;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a backup archive written by {@link Backup}: first its metadata entries (one pass over the
 * archive, skipping bodies), then its object bodies as a stream (a second pass), so nothing but
 * one body at a time is ever in flight.
 */
public final class BackupArchive {
  private final Path file;
  private final BackupHeader header;
  private final Optional<byte[]> config;
  private final Optional<DatabaseContent> database;
  private final BackupManifest manifest;

  private BackupArchive(Path file, BackupHeader header, Optional<byte[]> config,
      Optional<DatabaseContent> database, BackupManifest manifest) {
    this.file = file;
    this.header = header;
    this.config = config;
    this.database = database;
    this.manifest = manifest;
  }

  /**
   * Opens {@code file} and reads its metadata.
   *
   * @throws InvalidBackupException when it is not a complete CVOS backup
   */
  public static BackupArchive open(Path file) throws IOException, InvalidBackupException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidBackupException(file + " is not a file");
    }
    ObjectMapper json = BackupFormat.json();
    BackupHeader header = null;
    byte[] config = null;
    DatabaseContent database = null;
    BackupManifest manifest = null;
    try (TarArchiveInputStream tar = open(Files.newInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        String name = entry.getName();
        if (header == null && !name.equals(BackupFormat.HEADER)) {
          throw new InvalidBackupException(file + " is not a CVOS backup: it does not start with "
              + BackupFormat.HEADER);
        }
        switch (name) {
          case BackupFormat.HEADER -> header = json.readValue(tar.readAllBytes(), BackupHeader.class);
          case BackupFormat.CONFIG -> config = tar.readAllBytes();
          case BackupFormat.DATABASE -> database = json.readValue(tar.readAllBytes(), DatabaseContent.class);
          case BackupFormat.MANIFEST -> manifest = json.readValue(tar.readAllBytes(), BackupManifest.class);
          default -> {
            // an object body: read in the second pass
          }
        }
      }
    } catch (JacksonException e) {
      throw new InvalidBackupException(file + " has a damaged metadata entry: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new InvalidBackupException(file + " cannot be read as a .tar.gz backup (damaged or"
          + " truncated?): " + e.getMessage());
    }
    if (header == null) {
      throw new InvalidBackupException(file + " is empty, not a CVOS backup");
    }
    if (header.format() != BackupFormat.VERSION) {
      throw new InvalidBackupException(file + " has backup format " + header.format()
          + "; this CVOS reads format " + BackupFormat.VERSION);
    }
    if (manifest == null) {
      throw new InvalidBackupException(file + " has no " + BackupFormat.MANIFEST
          + ": the backup did not finish; use another backup");
    }
    return new BackupArchive(file, header, Optional.ofNullable(config),
        Optional.ofNullable(database), manifest);
  }

  private static TarArchiveInputStream open(InputStream in) throws IOException {
    return new TarArchiveInputStream(
        new GzipCompressorInputStream(new BufferedInputStream(in, 1 << 16)));
  }

  public Path file() {
    return file;
  }

  public BackupHeader header() {
    return header;
  }

  public Optional<byte[]> config() {
    return config;
  }

  public Optional<DatabaseContent> database() {
    return database;
  }

  public BackupManifest manifest() {
    return manifest;
  }

  /** Receives each object body of the archive in turn. */
  @FunctionalInterface
  public interface BodyVisitor {
    void visit(String path, InputStream body) throws IOException;
  }

  /** Streams every entry under {@link BackupFormat#OBJECTS} to {@code visitor}, in archive order. */
  public void forEachBody(BodyVisitor visitor) throws IOException {
    try (TarArchiveInputStream tar = open(Files.newInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.getName().startsWith(BackupFormat.OBJECTS)) {
          visitor.visit(entry.getName(), tar);
        }
      }
    }
  }
}
