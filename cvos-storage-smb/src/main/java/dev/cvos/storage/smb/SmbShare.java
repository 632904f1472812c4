package dev.cvos.storage.smb;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ObjectNotFoundException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.SmbConstants;
import jcifs.smb.NtStatus;
import jcifs.smb.SmbFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The folder of an SMB share that a store keeps its files in, reached through two private jcifs
 * contexts.
 *
 * <p>Reads go through one context and changes through the other, so each has its own TCP
 * connection and so its own {@code smbd} process on a Samba server. Samba refuses to rename a file
 * over a target that the same connection holds open ({@code ACCESS_DENIED}), but allows it when
 * another connection holds it open with delete sharing: the open reader keeps reading the old
 * bytes. Keeping readers on their own connection is what lets an overwrite replace an object while
 * it is being read.
 *
 * <p>Every path is relative to the folder and uses {@code /}; a path naming a folder ends in
 * {@code /}. Every failure comes out translated by {@link SmbFailures}.
 */
final class SmbShare implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SmbShare.class);

  /** Readers let others read, write, rename and delete the file they hold open. */
  private static final int SHARE_ALL = SmbConstants.FILE_SHARE_READ
      | SmbConstants.FILE_SHARE_WRITE | SmbConstants.FILE_SHARE_DELETE;

  private static final int READ_CHUNK = 1024 * 1024;
  private static final int OPEN_ATTEMPTS = 3;
  private static final int RENAME_ATTEMPTS = 40;
  private static final Duration RENAME_BACKOFF = Duration.ofMillis(25);

  private final String url;
  private final CIFSContext reads;
  private final CIFSContext writes;

  SmbShare(String url, CIFSContext reads, CIFSContext writes) {
    this.url = url;
    this.reads = reads;
    this.writes = writes;
  }

  /** The folder's URL (it never holds credentials). */
  String url() {
    return url;
  }

  /**
   * Opens a file for reading; the caller closes the stream. Reads are gathered into large SMB
   * reads whatever buffer the caller reads with.
   */
  InputStream openRead(String path) throws IOException {
    return openRead(path, READ_CHUNK);
  }

  /**
   * Opens a file for reading with a read buffer of {@code chunk} bytes.
   *
   * <p>A file that is missing is asked for again before it is reported missing: Samba can answer
   * {@code OBJECT_NAME_NOT_FOUND} to an open that races a rename replacing the file (it resolved
   * the name to the old file, which the rename then unlinked), although the name never stopped
   * existing.
   */
  InputStream openRead(String path, int chunk) throws IOException {
    for (int attempt = 1; ; attempt++) {
      SmbFile file = file(reads, path);
      try {
        InputStream in = file.openInputStream(0, SmbConstants.O_RDONLY, SHARE_ALL);
        return new BufferedInputStream(new FileClosingInputStream(in, file), chunk);
      } catch (IOException | RuntimeException e) {
        file.close();
        IOException failure = translate("open " + path, e);
        if (!(failure instanceof ObjectNotFoundException) || attempt >= OPEN_ATTEMPTS) {
          throw failure;
        }
      }
    }
  }

  /** Creates a file (a new, randomly named one) and opens it for writing at any position. */
  SmbWriteChannel openWrite(String path) throws IOException {
    SmbFile file = file(writes, path);
    try {
      return new SmbWriteChannel(file, file.openRandomAccess("rw", SHARE_ALL));
    } catch (IOException | RuntimeException e) {
      file.close();
      throw translate("create " + path, e);
    }
  }

  /**
   * Renames {@code from} to {@code to}, in one step of the server.
   *
   * @param replace whether an existing {@code to} is replaced; without it a taken name fails with
   *     an {@link jcifs.smb.SmbException} of {@code NT_STATUS_OBJECT_NAME_COLLISION}, untranslated
   *     so the caller can tell it apart
   */
  void rename(String from, String to, boolean replace) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try (SmbFile source = file(writes, from); SmbFile target = file(writes, to)) {
        source.renameTo(target, replace);
        return;
      } catch (jcifs.smb.SmbException e) {
        if (SmbFailures.isNameCollision(e)) {
          throw e;
        }
        // Another request of this connection holds the target open for a moment (a stat, a
        // concurrent rename): Samba refuses the rename until it closes it.
        if (SmbFailures.status(e) == NtStatus.NT_STATUS_ACCESS_DENIED && attempt < RENAME_ATTEMPTS) {
          pause(RENAME_BACKOFF);
          continue;
        }
        throw translate("rename " + from + " to " + to, e);
      }
    }
  }

  /**
   * Deletes a file.
   *
   * @return false if it did not exist
   */
  boolean delete(String path) throws IOException {
    try (SmbFile file = file(writes, path)) {
      file.delete();
      return true;
    } catch (CIFSException e) {
      if (SmbFailures.isNotFound(e)) {
        return false;
      }
      throw translate("delete " + path, e);
    }
  }

  /** Creates a folder and its parents if missing; safe against writers creating them too. */
  void makeFolders(String folder) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try (SmbFile file = file(writes, folder)) {
        if (file.exists()) {
          return;
        }
        file.mkdirs();
        return;
      } catch (jcifs.smb.SmbException e) {
        // Another writer created this folder or one of its parents between the check and the
        // create: look again, a few times, as the parents may still be missing.
        if (!SmbFailures.isNameCollision(e) || attempt >= 5) {
          throw translate("create folder " + folder, e);
        }
      }
    }
  }

  /** One entry of a folder listing. */
  record Entry(String name, boolean folder, long size, long lastModifiedMillis) {}

  /**
   * The entries of a folder, without {@code .} and {@code ..}; empty if it does not exist.
   */
  List<Entry> list(String folder) throws IOException {
    try (SmbFile dir = file(reads, folder)) {
      SmbFile[] children = dir.listFiles();
      List<Entry> entries = new ArrayList<>(children.length);
      for (SmbFile child : children) {
        try (child) {
          String name = child.getName();
          boolean isFolder = name.endsWith("/");
          entries.add(new Entry(isFolder ? name.substring(0, name.length() - 1) : name, isFolder,
              isFolder ? 0 : child.length(), child.lastModified()));
        }
      }
      return entries;
    } catch (CIFSException e) {
      if (SmbFailures.isNotFound(e)) {
        return List.of();
      }
      throw translate("list " + folder, e);
    }
  }

  /** Removes a folder if it is empty; a folder that is not empty or gone is left alone. */
  void removeEmptyFolder(String folder) {
    try (SmbFile dir = file(writes, folder)) {
      dir.delete();
    } catch (IOException e) {
      LOG.debug("folder {} of {} stays: {}", folder, url, e.getMessage());
    }
  }

  /** Free bytes on the share, as the server reports them. */
  long freeSpace() throws IOException {
    try (SmbFile root = file(writes, "")) {
      return root.getDiskFreeSpace();
    } catch (CIFSException e) {
      throw translate("query free space", e);
    }
  }

  /** Connects and checks that the folder exists, creating it if missing. */
  void connect() throws IOException {
    try (SmbFile root = file(writes, "")) {
      root.connect();
      if (!root.exists()) {
        root.mkdirs();
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      reads.close();
    } finally {
      writes.close();
    }
  }

  /** Translates a failure of {@code what} on this share; for callers that caught one. */
  IOException translate(String what, Exception failure) {
    IOException io = failure instanceof IOException e ? e
        : new BackendUnavailableException(failure.toString(), failure);
    return SmbFailures.translate(what, url, io);
  }

  private SmbFile file(CIFSContext context, String path) throws IOException {
    try {
      return new SmbFile(url + path, context);
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException("not a valid path on the share: " + path, e);
    }
  }

  private static void pause(Duration duration) throws IOException {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while retrying a rename");
    }
  }
}
