package dev.cvos.storage.smb;

import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.format.ObjectFileFormat;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;
import jcifs.smb.SmbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads the header of one object file on the share, and takes object and temporary files away. */
final class ObjectFiles {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectFiles.class);
  private static final int HEADER_READ_CHUNK = 8 * 1024;

  private final SmbShare share;
  private final ShareIndex index;
  private final String serverId;

  ObjectFiles(SmbShare share, ShareIndex index, String serverId) {
    this.share = share;
    this.index = index;
    this.serverId = serverId;
  }

  /**
   * Takes an object file away: renamed aside first (frees the name at once), then deleted. A
   * "not found" is asked again, as it can come from a rename racing one that replaces the file.
   */
  boolean remove(String target, String folder) throws IOException {
    String aside = folder + ObjectFileLayout.temporaryFileName(serverId);
    for (int attempt = 1; ; attempt++) {
      try {
        share.rename(target, aside, false);
        break;
      } catch (SmbException e) {
        throw share.translate("move aside " + target, e);
      } catch (ObjectNotFoundException e) {
        if (attempt >= 3) {
          return false;
        }
      } finally {
        index.forget(folder);
      }
    }
    if (!share.delete(aside)) {
      LOG.debug("{} vanished before it was deleted", aside);
    }
    return true;
  }

  /**
   * Takes an expired object file away, safely against another server that replaces it with a live
   * object meanwhile (as the local store does): renamed aside first, then put back if what was
   * renamed turns out to be live, so an acknowledged write is never purged.
   *
   * @return true if this call took an expired object away
   */
  boolean removeIfExpired(String target, String folder, Instant now) throws IOException {
    String aside = folder + ObjectFileLayout.temporaryFileName(serverId);
    try {
      share.rename(target, aside, false);
    } catch (SmbException e) {
      throw share.translate("move aside " + target, e);
    } catch (ObjectNotFoundException e) {
      return false;
    } finally {
      index.forget(folder);
    }
    boolean live;
    try {
      Optional<ObjectFileHeader> moved = readHeader(aside);
      live = moved.isPresent() && !moved.get().metadata().isExpiredAt(now);
    } catch (IOException | RuntimeException e) {
      putBack(aside, target, folder);
      throw e;
    }
    if (live) {
      putBack(aside, target, folder);
      return false;
    }
    if (!share.delete(aside)) {
      LOG.debug("{} vanished before it was deleted", aside);
    }
    return true;
  }

  private void putBack(String aside, String target, String folder) throws IOException {
    try {
      share.rename(aside, target, false);
    } catch (SmbException e) {
      if (!SmbFailures.isNameCollision(e)) {
        throw share.translate("put back " + target, e);
      }
      LOG.debug("A newer object replaced {} while it was put back", target);
      share.delete(aside);
    } finally {
      index.forget(folder);
    }
  }

  /**
   * The header of an object file, or empty if there is no file.
   *
   * @throws dev.cvos.storage.spi.format.CorruptObjectFileException if the file is not a complete
   *     object file
   */
  Optional<ObjectFileHeader> readHeader(String path) throws IOException {
    try (InputStream in = share.openRead(path, HEADER_READ_CHUNK)) {
      return Optional.of(ObjectFileFormat.readHeader(in));
    } catch (ObjectNotFoundException e) {
      return Optional.empty();
    }
  }

  /** Deletes the temporary file of a failed write; a failure to do so joins {@code failure}. */
  void removeTemp(String temp, Exception failure) {
    try {
      share.delete(temp);
    } catch (IOException | RuntimeException e) {
      // The server is gone or refuses: the file carries this server's id and goes at next start.
      failure.addSuppressed(e);
    }
  }
}
