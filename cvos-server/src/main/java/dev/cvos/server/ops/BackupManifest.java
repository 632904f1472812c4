package dev.cvos.server.ops;

import java.util.List;
import java.util.Objects;

/**
 * The last entry of a backup archive: every object the backup holds whole and verified. A body in
 * the archive that the manifest does not list (it failed its checksum while it was read) is not
 * part of the backup.
 *
 * @param objects the objects, in archive order
 * @param bytes their total size
 * @param failed how many objects could not be backed up (each is named in the tool's output)
 */
public record BackupManifest(List<ManifestEntry> objects, long bytes, int failed) {
  public BackupManifest {
    objects = List.copyOf(Objects.requireNonNull(objects, "objects"));
  }
}
