package dev.cvos.server.ops;

import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.util.Locale;

/**
 * Who may back up and restore what (docs/operations.md, "Backup and restore"): the primary takes full
 * backups, each redundant secondary an objects-only backup of its own store; with shared storage
 * the primary alone backs up (every object is on the share). A simple secondary stores nothing.
 * Every kind of backup restores to the primary; an objects-only backup also to the server it came
 * from.
 */
public final class RolePolicy {
  private RolePolicy() {}

  /** Refuses a backup of {@code kind} on this server, saying what to run instead. */
  public static void checkBackup(BackupKind kind, ServerRole role, StorageMode mode)
      throws OperationRefusedException {
    if (!role.stores()) {
      throw new OperationRefusedException("this server is a simple secondary: it stores no objects,"
          + " so there is nothing to back up here; back up the primary (cvos backup) and, with"
          + " local storage, each redundant secondary (cvos backup -o)");
    }
    if (mode == StorageMode.SHARED && role != ServerRole.PRIMARY) {
      throw new OperationRefusedException("this server uses shared storage: only the primary backs"
          + " up (its full backup holds every object of the share); run cvos backup on the primary"
          + " and disable backups on this " + name(role));
    }
    if (kind == BackupKind.FULL && role != ServerRole.PRIMARY) {
      throw new OperationRefusedException("a full backup (configuration, database and objects)"
          + " runs on the primary; this server is a " + name(role)
          + ", run instead: cvos backup -o   (its objects only)");
    }
  }

  /** Refuses restoring {@code header}'s backup on this server, saying where it belongs. */
  public static void checkRestore(BackupHeader header, String serverId, ServerRole role)
      throws OperationRefusedException {
    if (role == ServerRole.PRIMARY) {
      return;
    }
    if (!role.stores()) {
      throw new OperationRefusedException("this server is a simple secondary and stores no objects;"
          + " restore the backup on the primary");
    }
    if (header.kind() == BackupKind.FULL) {
      throw new OperationRefusedException("this is a full backup; restore it on the primary"
          + " (this server is a " + name(role) + ")");
    }
    if (!header.serverId().equals(serverId)) {
      throw new OperationRefusedException("this objects-only backup was taken on server '"
          + header.serverId() + "', and this is '" + serverId + "'; restore it on '"
          + header.serverId() + "' or on the primary");
    }
  }

  static String name(ServerRole role) {
    return role.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
