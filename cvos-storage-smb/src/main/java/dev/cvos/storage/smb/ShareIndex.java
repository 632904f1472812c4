package dev.cvos.storage.smb;

import dev.cvos.storage.spi.format.CorruptObjectFileException;
import dev.cvos.storage.spi.format.ObjectFileFormat;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Walks the fan-out folders of a bucket on the share and learns what object files they hold.
 *
 * <p>A key is known only from its file's header, so a listing reads the header of every object
 * of the bucket. Over SMB each read is a few network round trips, so this remembers what it read:
 * per leaf folder ({@code <bucket>/<aa>/<bb>/}) the folder's modification time and, per file, its
 * size, modification time and header. A leaf whose time has not changed is not listed again, and a
 * file whose size and time have not changed is not read again. Renames into and out of a folder
 * change its time, which is how changes by other servers are seen; this store's own changes drop
 * the leaf at once ({@link #forget}), whatever the time resolution of the server.
 *
 * <p>The folders of one bucket are walked in parallel on the store's pool.
 */
final class ShareIndex {
  private static final Logger LOG = LoggerFactory.getLogger(ShareIndex.class);
  private static final int MAX_CACHED_LEAVES = 100_000;
  private static final int HEADER_READ_CHUNK = 8 * 1024;

  private final SmbShare share;
  private final ExecutorService pool;
  private final Map<String, Leaf> leaves = new ConcurrentHashMap<>();

  private record Known(long size, long modified, ObjectFileHeader header) {}

  private record Leaf(long modified, Map<String, Known> files) {}

  /** What a walk finds in a leaf folder. */
  interface LeafVisitor<T> {
    List<T> visit(String leafPath, long leafModified) throws IOException;
  }

  ShareIndex(SmbShare share, ExecutorService pool) {
    this.share = share;
    this.pool = pool;
  }

  /** The headers of every readable object file of a bucket, expired ones included. */
  List<ObjectFileHeader> objects(String bucketDirectory) throws IOException {
    return walk(bucketDirectory, this::leafObjects);
  }

  /** Drops what is known of a leaf folder after this store changed it. */
  void forget(String leafPath) {
    leaves.remove(leafPath);
  }

  /** Applies {@code visitor} to every leaf folder of a bucket, in parallel; joins the results. */
  <T> List<T> walk(String bucketDirectory, LeafVisitor<T> visitor) throws IOException {
    List<Future<List<T>>> parts = new ArrayList<>();
    for (SmbShare.Entry first : share.list(bucketDirectory + "/")) {
      if (!first.folder() || !isFanOut(first.name())) {
        continue;
      }
      String firstPath = bucketDirectory + "/" + first.name() + "/";
      parts.add(pool.submit(() -> {
        List<T> found = new ArrayList<>();
        for (SmbShare.Entry second : share.list(firstPath)) {
          if (second.folder() && isFanOut(second.name())) {
            found.addAll(visitor.visit(firstPath + second.name() + "/", second.lastModifiedMillis()));
          }
        }
        return found;
      }));
    }
    List<T> all = new ArrayList<>();
    try {
      for (Future<List<T>> part : parts) {
        all.addAll(part.get());
      }
    } catch (InterruptedException e) {
      parts.forEach(part -> part.cancel(true));
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while walking " + bucketDirectory);
    } catch (ExecutionException e) {
      parts.forEach(part -> part.cancel(true));
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("walking " + bucketDirectory + " failed", cause);
    }
    return all;
  }

  private List<ObjectFileHeader> leafObjects(String leafPath, long leafModified)
      throws IOException {
    Leaf cached = leaves.get(leafPath);
    if (cached == null || cached.modified() != leafModified) {
      cached = readLeaf(leafPath, leafModified, cached);
    }
    List<ObjectFileHeader> headers = new ArrayList<>(cached.files().size());
    for (Known known : cached.files().values()) {
      if (known.header() != null) {
        headers.add(known.header());
      }
    }
    return headers;
  }

  private Leaf readLeaf(String leafPath, long leafModified, Leaf previous) throws IOException {
    Map<String, Known> files = new HashMap<>();
    for (SmbShare.Entry entry : share.list(leafPath)) {
      if (entry.folder() || !ObjectFileLayout.isObjectFileName(entry.name())) {
        continue;
      }
      Known old = previous == null ? null : previous.files().get(entry.name());
      if (old != null && old.size() == entry.size() && old.modified() == entry.lastModifiedMillis()) {
        files.put(entry.name(), old);
        continue;
      }
      try {
        files.put(entry.name(), new Known(entry.size(), entry.lastModifiedMillis(),
            readHeader(leafPath + entry.name(), entry.size())));
      } catch (dev.cvos.storage.spi.ObjectNotFoundException e) {
        LOG.trace("{} went away while listing {}", entry.name(), leafPath, e);
      }
    }
    if (leaves.size() >= MAX_CACHED_LEAVES) {
      leaves.clear();
    }
    Leaf leaf = new Leaf(leafModified, files);
    leaves.put(leafPath, leaf);
    return leaf;
  }

  /**
   * The header of a file, or null if it is not a complete object file in its own place (it is then
   * skipped): a foreign or damaged file, or one copied under another object's name.
   */
  private ObjectFileHeader readHeader(String path, long fileSize) throws IOException {
    try (InputStream in = share.openRead(path, HEADER_READ_CHUNK)) {
      ObjectFileHeader header = ObjectFileFormat.readHeader(in);
      String home = ObjectFileLayout.pathOf(header.metadata().bucket(), header.metadata().key())
          .relativePath();
      if (!home.equals(path)) {
        LOG.warn("skipping {} on {}: it holds {}/{}, whose file is {}", path, share.url(),
            header.metadata().bucket(), header.metadata().key(), home);
        return null;
      }
      if (header.fileLength() != fileSize) {
        LOG.warn("skipping {} on {}: it has {} bytes but its header says {}", path, share.url(),
            fileSize, header.fileLength());
        return null;
      }
      return header;
    } catch (CorruptObjectFileException e) {
      LOG.warn("skipping {} on {}: {}", path, share.url(), e.getMessage());
      return null;
    }
  }

  private static boolean isFanOut(String name) {
    return name.length() == 2 && isHex(name.charAt(0)) && isHex(name.charAt(1));
  }

  private static boolean isHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
