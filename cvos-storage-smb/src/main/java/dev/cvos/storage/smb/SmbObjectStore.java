package dev.cvos.storage.smb;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectAlreadyExistsException;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ResolvedRange;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.CorruptObjectFileException;
import dev.cvos.storage.spi.format.ObjectFileFormat;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import dev.cvos.storage.spi.format.ObjectFilePath;
import dev.cvos.storage.spi.format.ObjectFileWriter;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import jcifs.smb.SmbException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Objects in a folder of an SMB share, in the portable object file format and layout of {@code
 * dev.cvos.storage.spi.format}: a share reached here and the same folder mounted over NFS or as a
 * Windows directory hold the same objects.
 *
 * <p>A write streams into a temporary file next to the object's file (provisional header, body,
 * final header in place) and renames it into place in one step of the server: with replace for an
 * overwrite, without for a create-only write, which the server refuses when the name is taken. A
 * delete renames the file to a temporary name first, so the key is free at once even while a
 * reader still holds the old file open, then deletes it.
 *
 * <p>Every failure is one of the SPI's typed exceptions: an unreachable server or lost connection
 * is {@link dev.cvos.storage.spi.BackendUnavailableException}, a full disk {@link
 * dev.cvos.storage.spi.InsufficientStorageException}. jcifs reconnects on the next request once
 * the server is back, so one store rides out a server restart.
 */
public final class SmbObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(SmbObjectStore.class);
  private static final int WALK_THREADS = 8;

  private final SmbShare share;
  private final Duration staleTempAge;
  private final Clock clock;
  private final String serverId;
  private final ObjectFileWriter writer;
  private final ExecutorService pool;
  private final ShareIndex index;
  private final BucketCatalog catalog;
  private final ObjectFiles files;
  private final AtomicBoolean closed = new AtomicBoolean();

  SmbObjectStore(SmbShare share, Duration staleTempAge, StoreContext context) {
    this.share = share;
    this.staleTempAge = staleTempAge;
    this.clock = context.clock();
    this.serverId = context.serverId();
    this.writer = new ObjectFileWriter(clock);
    AtomicInteger threads = new AtomicInteger();
    ThreadFactory threadFactory = Executors.defaultThreadFactory();
    this.pool = Executors.newFixedThreadPool(WALK_THREADS, runnable -> {
      Thread thread = threadFactory.newThread(runnable);
      thread.setName("cvos-smb-walk-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.index = new ShareIndex(share, pool);
    this.catalog = new BucketCatalog(share, index, clock);
    this.files = new ObjectFiles(share, index, serverId);
  }

  @Override
  public ObjectMetadata put(WriteRequest request, InputStream body) throws IOException {
    ObjectFilePath path = ObjectFileLayout.pathOf(request.bucket(), request.key());
    String folder = folderOf(path);
    String target = path.relativePath();
    String temp = folder + ObjectFileLayout.temporaryFileName(serverId);
    share.makeFolders(folder);
    ObjectMetadata stored;
    try {
      try (SmbWriteChannel file = share.openWrite(temp)) {
        stored = writer.write(request, body, file);
      }
      moveIntoPlace(request, temp, target);
    } catch (IOException | RuntimeException e) {
      files.removeTemp(temp, e);
      throw e;
    } finally {
      index.forget(folder);
    }
    return stored;
  }

  private void moveIntoPlace(WriteRequest request, String temp, String target)
      throws IOException {
    if (request.mode() == WriteMode.OVERWRITE) {
      share.rename(temp, target, true);
      return;
    }
    try {
      share.rename(temp, target, false);
    } catch (SmbException taken) {
      Optional<ObjectMetadata> existing = stat(request.bucket(), request.key());
      if (existing.isPresent()) {
        throw new ObjectAlreadyExistsException("an object exists under bucket " + request.bucket()
            + " key " + request.key(), taken);
      }
      // What holds the name has expired: that object no longer exists.
      share.rename(temp, target, true);
    }
  }

  @Override
  public StoredObject get(String bucket, String key, ByteRange range) throws IOException {
    ObjectFilePath path = ObjectFileLayout.pathOf(bucket, key);
    InputStream in;
    try {
      in = share.openRead(path.relativePath());
    } catch (ObjectNotFoundException e) {
      throw notFound(bucket, key, e);
    }
    try {
      ObjectMetadata metadata = checkNames(ObjectFileFormat.readHeader(in), path, bucket, key);
      if (metadata.isExpiredAt(clock.instant())) {
        throw notFound(bucket, key, null);
      }
      ResolvedRange resolved = range.resolve(metadata.size());
      in.skipNBytes(resolved.offset());
      return new StoredObject(metadata, resolved, new RangeInputStream(in, resolved.length()));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public Optional<ObjectMetadata> stat(String bucket, String key) throws IOException {
    ObjectFilePath path = ObjectFileLayout.pathOf(bucket, key);
    Optional<ObjectFileHeader> header = files.readHeader(path.relativePath());
    if (header.isEmpty()) {
      return Optional.empty();
    }
    ObjectMetadata metadata = checkNames(header.get(), path, bucket, key);
    return metadata.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(metadata);
  }

  @Override
  public boolean delete(String bucket, String key) throws IOException {
    ObjectFilePath path = ObjectFileLayout.pathOf(bucket, key);
    boolean expired;
    try {
      Optional<ObjectFileHeader> header = files.readHeader(path.relativePath());
      if (header.isEmpty()) {
        return false;
      }
      expired = checkNames(header.get(), path, bucket, key).isExpiredAt(clock.instant());
    } catch (CorruptObjectFileException e) {
      LOG.warn("deleting corrupt object file {} of {}/{} on {}: {}", path.relativePath(), bucket,
          key, share.url(), e.getMessage());
      expired = false;
    }
    boolean removed = files.remove(path.relativePath(), folderOf(path));
    return removed && !expired;
  }

  @Override
  public ObjectListing list(String bucket, ListRequest request) throws IOException {
    return catalog.list(bucket, request);
  }

  @Override
  public List<String> buckets() throws IOException {
    return catalog.buckets();
  }

  @Override
  public int purgeExpired(java.time.Instant now) throws IOException {
    int purged = 0;
    for (SmbShare.Entry entry : share.list("")) {
      Optional<String> bucket = entry.folder()
          ? ObjectFileLayout.bucketOfDirectoryName(entry.name()) : Optional.empty();
      if (bucket.isEmpty()) {
        continue;
      }
      for (ObjectFileHeader header : index.objects(entry.name())) {
        ObjectMetadata metadata = header.metadata();
        if (metadata.isExpiredAt(now)) {
          ObjectFilePath path = ObjectFileLayout.pathOf(metadata.bucket(), metadata.key());
          Optional<ObjectFileHeader> current = files.readHeader(path.relativePath());
          if (current.isPresent() && current.get().metadata().isExpiredAt(now)
              && files.removeIfExpired(path.relativePath(), folderOf(path), now)) {
            purged++;
          }
        }
      }
    }
    if (purged > 0) {
      LOG.info("server {} purged {} expired objects from {}", serverId, purged, share.url());
    }
    return purged;
  }

  @Override
  public long usableSpace() throws IOException {
    return share.freeSpace();
  }

  @Override
  public StoreHealth health() {
    try {
      long free = share.freeSpace();
      return StoreHealth.healthy("SMB share " + share.url() + " is reachable, " + free
          + " bytes free");
    } catch (IOException | RuntimeException e) {
      return StoreHealth.unhealthy("SMB share " + share.url() + " is not usable: "
          + SmbFailures.describe(e));
    }
  }

  @Override
  public void close() throws IOException {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    pool.shutdownNow();
    share.close();
  }

  /**
   * Removes temporary files that a crash or a lost connection left: this server's own at once,
   * other servers' ones once they are older than the configured age.
   */
  void removeLeftoverTemps() throws IOException {
    new LeftoverTemps(share, index, serverId, staleTempAge, clock).removeAll();
  }

  /** The header's metadata, if it is the object asked for (a misplaced file is corrupt). */
  private ObjectMetadata checkNames(ObjectFileHeader header, ObjectFilePath path, String bucket,
      String key) throws CorruptObjectFileException {
    ObjectMetadata metadata = header.metadata();
    if (!metadata.bucket().equals(bucket) || !metadata.key().equals(key)) {
      throw new CorruptObjectFileException("object file " + path.relativePath() + " on "
          + share.url() + " holds " + metadata.bucket() + "/" + metadata.key() + ", not " + bucket
          + "/" + key);
    }
    return metadata;
  }

  private static String folderOf(ObjectFilePath path) {
    return String.join("/", path.directorySegments()) + "/";
  }

  private static ObjectNotFoundException notFound(String bucket, String key, Exception cause) {
    return new ObjectNotFoundException("no object in bucket " + bucket + " under key " + key,
        cause);
  }
}
