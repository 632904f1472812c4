package dev.cvos.server.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The layout of a backup archive (a {@code .tar.gz}), in the order of its entries:
 *
 * <ol>
 *   <li>{@value #HEADER}: a {@link BackupHeader};
 *   <li>{@value #CONFIG} (full backups): the server's configuration file as it was;
 *   <li>{@value #DATABASE} (full backups): every row of the database ({@code DatabaseContent});
 *   <li>{@value #OBJECTS}{@code <n>}: object bodies, one entry each;
 *   <li>{@value #MANIFEST}: the {@link BackupManifest}: bucket, key, size, SHA-256, content type,
 *       creation and expiry of every object, and the entry that holds its body.
 * </ol>
 */
public final class BackupFormat {
  /** The version of this layout. */
  public static final int VERSION = 1;
  public static final String HEADER = "cvos-backup.json";
  public static final String CONFIG = "config/cvos.yaml";
  public static final String DATABASE = "database/content.json";
  public static final String OBJECTS = "objects/";
  public static final String MANIFEST = "manifest.json";

  private BackupFormat() {}

  /** The JSON mapper of the archive's metadata entries. */
  public static ObjectMapper json() {
    return new ObjectMapper()
        .registerModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(SerializationFeature.INDENT_OUTPUT);
  }
}
