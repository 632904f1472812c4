package dev.cvos.server.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The rows of the database a full backup keeps, as plain values (no jOOQ type leaves the
 * persistence package).
 *
 * @param servers the server registry
 * @param deletions the deletion log
 * @param progress how far each server has applied the deletion log
 */
public record DatabaseContent(
    List<RegistryRow> servers, List<DeletionRow> deletions, List<ProgressRow> progress) {
  public DatabaseContent {
    servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
    deletions = List.copyOf(Objects.requireNonNull(deletions, "deletions"));
    progress = List.copyOf(Objects.requireNonNull(progress, "progress"));
  }

  /** One row of {@code server_registry}. */
  public record RegistryRow(String id, String url, String role, String storageMode, String version,
      Instant registeredAt, Instant lastSeen) {
    public RegistryRow {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(storageMode, "storageMode");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(registeredAt, "registeredAt");
      Objects.requireNonNull(lastSeen, "lastSeen");
    }
  }

  /** One row of {@code deletion_log}. */
  public record DeletionRow(long id, String bucket, String key, Instant deletedAt, String deletedBy) {
    public DeletionRow {
      Objects.requireNonNull(bucket, "bucket");
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(deletedAt, "deletedAt");
      Objects.requireNonNull(deletedBy, "deletedBy");
    }
  }

  /** One row of {@code deletion_progress}. */
  public record ProgressRow(String serverId, long lastAppliedId) {
    public ProgressRow {
      Objects.requireNonNull(serverId, "serverId");
    }
  }
}
