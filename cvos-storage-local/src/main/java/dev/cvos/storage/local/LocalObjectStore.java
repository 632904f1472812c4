package dev.cvos.storage.local;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ResolvedRange;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.CorruptObjectFileException;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import dev.cvos.storage.spi.format.ObjectFilePath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object store for a directory: a local disk, or an NFS mount that several servers share.
 * Objects are files in the portable format of {@code dev.cvos.storage.spi.format}, so a copy of
 * the directory made with plain file tools is a working store, and an SMB store over the same
 * share sees the same objects.
 *
 * <p>Writes are atomic and durable (see {@link LocalObjectWriter}). A reader opens the file and
 * keeps it open: a later overwrite or delete replaces or removes the name, never the bytes being
 * read. At start, temporary files a crash left behind are removed (see {@link
 * TemporaryFileSweeper}).
 */
public final class LocalObjectStore implements ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(LocalObjectStore.class);

  private final Path root;
  private final boolean fsync;
  private final Clock clock;
  private final LocalObjectWriter writer;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Opens the store over {@code config.root()}, removing temporary files left by a crash first.
   *
   * @throws BackendUnavailableException if the directory cannot be read
   */
  public LocalObjectStore(LocalStoreConfig config, StoreContext context) throws BackendUnavailableException {
    this.root = config.root();
    this.fsync = config.fsync();
    this.clock = context.clock();
    this.writer = new LocalObjectWriter(root, fsync, context.serverId(), clock);
    if (!Files.isDirectory(root)) {
      throw new BackendUnavailableException("storage root " + root + " is not a directory");
    }
    try {
      new TemporaryFileSweeper(root, context.serverId(), clock, config.temporaryFileMaxAge()).sweep();
    } catch (IOException e) {
      throw new BackendUnavailableException("cannot clean temporary files under " + root + ": " + e, e);
    }
    LOG.info("Local object store open at {} (fsync {})", root, fsync ? "on" : "off");
  }

  @Override
  public ObjectMetadata put(WriteRequest request, InputStream body) throws IOException {
    Path target = objectFile(request.bucket(), request.key());
    return writer.put(request, body, target);
  }

  @Override
  public StoredObject get(String bucket, String key, ByteRange range) throws IOException {
    Path file = objectFile(bucket, key);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw notFound(bucket, key);
    }
    try {
      ObjectFileHeader header = ObjectFiles.readHeader(channel);
      ObjectFiles.checkLength(file, header, channel.size());
      checkNames(file, header, bucket, key);
      if (header.metadata().isExpiredAt(clock.instant())) {
        throw notFound(bucket, key);
      }
      ResolvedRange resolved = range.resolve(header.metadata().size());
      channel.position(header.length() + resolved.offset());
      return new StoredObject(header.metadata(), resolved, new RangeInputStream(channel, resolved.length()));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Optional<ObjectMetadata> stat(String bucket, String key) throws IOException {
    Path file = objectFile(bucket, key);
    Optional<ObjectFileHeader> header = ObjectFiles.readHeaderIfPresent(file);
    if (header.isEmpty() || header.get().metadata().isExpiredAt(clock.instant())) {
      return Optional.empty();
    }
    checkNames(file, header.get(), bucket, key);
    return Optional.of(header.get().metadata());
  }

  @Override
  public boolean delete(String bucket, String key) throws IOException {
    Path file = objectFile(bucket, key);
    boolean expired;
    try {
      Optional<ObjectFileHeader> header = ObjectFiles.readHeaderIfPresent(file);
      if (header.isEmpty()) {
        return false;
      }
      expired = header.get().metadata().isExpiredAt(clock.instant());
    } catch (CorruptObjectFileException e) {
      LOG.warn("Deleting corrupt object file {} of {}/{}: {}", file, bucket, key, e.getMessage());
      expired = false;
    }
    boolean deleted = Files.deleteIfExists(file);
    if (deleted && fsync) {
      ObjectFiles.forceDirectory(file.getParent());
    }
    return deleted && !expired;
  }

  @Override
  public ObjectListing list(String bucket, ListRequest request) throws IOException {
    ensureOpen();
    ObjectNames.checkBucket(bucket);
    ListingCollector collector = new ListingCollector(request, clock.instant());
    ObjectFileScanner.scan(bucket, bucketDirectory(bucket), (file, header) -> collector.offer(header.metadata()));
    return collector.listing();
  }

  @Override
  public List<String> buckets() throws IOException {
    ensureOpen();
    List<String> buckets = new ArrayList<>();
    for (Path directory : ObjectFileScanner.children(root)) {
      Optional<String> bucket = ObjectFileLayout.bucketOfDirectoryName(directory.getFileName().toString());
      if (bucket.isPresent() && ObjectFileScanner.holdsAnObjectFile(directory)) {
        buckets.add(bucket.get());
      }
    }
    buckets.sort(ObjectNames::compareKeys);
    return buckets;
  }

  @Override
  public int purgeExpired(Instant now) throws IOException {
    int purged = 0;
    for (String bucket : buckets()) {
      List<Path> expired = new ArrayList<>();
      ObjectFileScanner.scan(bucket, bucketDirectory(bucket), (file, header) -> {
        if (header.metadata().isExpiredAt(now)) {
          expired.add(file);
        }
      });
      for (Path file : expired) {
        if (Files.exists(file) && writer.removeIfExpired(file, now)) {
          purged++;
        }
      }
    }
    if (purged > 0) {
      LOG.info("Purged {} expired objects from {}", purged, root);
    }
    return purged;
  }

  @Override
  public long usableSpace() throws IOException {
    ensureOpen();
    return Files.getFileStore(root).getUsableSpace();
  }

  @Override
  public StoreHealth health() {
    if (closed.get()) {
      return StoreHealth.unhealthy("the store is closed");
    }
    try {
      if (!Files.isDirectory(root) || !Files.isWritable(root)) {
        return StoreHealth.unhealthy("storage root " + root + " is not a writable directory");
      }
      return StoreHealth.healthy("storage root " + root + " is writable, "
          + Files.getFileStore(root).getUsableSpace() + " bytes free");
    } catch (IOException | RuntimeException e) {
      return StoreHealth.unhealthy("storage root " + root + " cannot be used: " + e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      LOG.info("Local object store at {} closed", root);
    }
  }

  private Path objectFile(String bucket, String key) throws IOException {
    ensureOpen();
    ObjectFilePath path = ObjectFileLayout.pathOf(bucket, key);
    return root.resolve(path.bucketDirectory()).resolve(path.fanOut1()).resolve(path.fanOut2())
        .resolve(path.fileName());
  }

  private Path bucketDirectory(String bucket) throws IOException {
    return root.resolve(ObjectFileLayout.bucketDirectoryName(bucket));
  }

  private void ensureOpen() throws BackendUnavailableException {
    if (closed.get()) {
      throw new BackendUnavailableException("the local object store at " + root + " is closed");
    }
  }

  private static void checkNames(Path file, ObjectFileHeader header, String bucket, String key)
      throws CorruptObjectFileException {
    if (!header.metadata().bucket().equals(bucket) || !header.metadata().key().equals(key)) {
      throw new CorruptObjectFileException("object file " + file + " holds " + header.metadata().bucket()
          + "/" + header.metadata().key() + ", not " + bucket + "/" + key);
    }
  }

  private static ObjectNotFoundException notFound(String bucket, String key) {
    return new ObjectNotFoundException("no object " + bucket + "/" + key);
  }
}
