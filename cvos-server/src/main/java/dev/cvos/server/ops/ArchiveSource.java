package dev.cvos.server.ops;

import dev.cvos.storage.spi.ObjectMetadata;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A backup archive (full or objects-only) as a migration source: a server already taken down. */
public final class ArchiveSource implements ObjectSource {
  private final BackupArchive archive;

  public ArchiveSource(BackupArchive archive) {
    this.archive = Objects.requireNonNull(archive, "archive");
  }

  @Override
  public String describe() {
    return "backup " + archive.file() + " of server " + archive.header().serverId();
  }

  @Override
  public List<ObjectMetadata> inventory() {
    return archive.manifest().objects().stream().map(ManifestEntry::metadata).toList();
  }

  @Override
  public void forEach(ObjectVisitor visitor) throws IOException {
    Map<String, ManifestEntry> byPath = new HashMap<>();
    for (ManifestEntry entry : archive.manifest().objects()) {
      byPath.put(entry.path(), entry);
    }
    archive.forEachBody((path, body) -> {
      ManifestEntry entry = byPath.remove(path);
      if (entry != null) {
        visitor.visit(entry.metadata(), body);
      }
    });
  }

  @Override
  public void close() {
    // the archive holds no open file between passes
  }
}
