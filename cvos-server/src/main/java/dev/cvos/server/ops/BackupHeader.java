package dev.cvos.server.ops;

import java.time.Instant;
import java.util.Objects;

/**
 * The first entry of a backup archive: what it is and where it came from.
 *
 * @param format the archive format version ({@link BackupFormat#VERSION})
 * @param kind full or objects only
 * @param serverId the server that took it
 * @param role that server's role (as in the configuration: primary, redundant-secondary)
 * @param storageMode that server's storage mode
 * @param cvosVersion the CVOS version that wrote it
 * @param started when the backup started: every object in it was listed after this instant
 */
public record BackupHeader(int format, BackupKind kind, String serverId, String role,
    String storageMode, String cvosVersion, Instant started) {
  public BackupHeader {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(storageMode, "storageMode");
    Objects.requireNonNull(cvosVersion, "cvosVersion");
    Objects.requireNonNull(started, "started");
  }
}
