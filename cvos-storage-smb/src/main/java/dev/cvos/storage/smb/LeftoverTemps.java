package dev.cvos.storage.smb;

import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and removes the temporary files a crash left in the object folders: those named with this
 * server's id at once (no write of this server runs before the store is built), other servers'
 * ones only when they have not changed for a while, since another server may be writing one now.
 */
final class LeftoverTemps {
  private static final Logger LOG = LoggerFactory.getLogger(LeftoverTemps.class);

  private final SmbShare share;
  private final ShareIndex index;
  private final String serverId;
  private final Duration staleAge;
  private final Clock clock;

  LeftoverTemps(SmbShare share, ShareIndex index, String serverId, Duration staleAge,
      Clock clock) {
    this.share = share;
    this.index = index;
    this.serverId = serverId;
    this.staleAge = staleAge;
    this.clock = clock;
  }

  /** Removes every leftover temporary file; returns how many. */
  int removeAll() throws IOException {
    Instant staleBefore = clock.instant().minus(staleAge);
    int removed = 0;
    for (SmbShare.Entry entry : share.list("")) {
      if (entry.folder() && ObjectFileLayout.bucketOfDirectoryName(entry.name()).isPresent()) {
        List<Integer> counts = index.walk(entry.name(),
            (leafPath, modified) -> List.of(removeIn(leafPath, staleBefore)));
        for (int count : counts) {
          removed += count;
        }
      }
    }
    if (removed > 0) {
      LOG.info("server {} removed {} leftover temporary files from {}", serverId, removed,
          share.url());
    }
    return removed;
  }

  private int removeIn(String leafPath, Instant staleBefore) throws IOException {
    List<String> doomed = new ArrayList<>();
    for (SmbShare.Entry file : share.list(leafPath)) {
      if (file.folder() || !ObjectFileLayout.isTemporaryFileName(file.name())) {
        continue;
      }
      if (ObjectFileLayout.isTemporaryFileOf(file.name(), serverId)
          || Instant.ofEpochMilli(file.lastModifiedMillis()).isBefore(staleBefore)) {
        doomed.add(file.name());
      }
    }
    int removed = 0;
    for (String name : doomed) {
      if (share.delete(leafPath + name)) {
        removed++;
      }
    }
    return removed;
  }
}
