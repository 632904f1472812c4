package dev.cvos.example.store;

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
import dev.cvos.storage.spi.format.ObjectFileFormat;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The example plugin's store: one flat directory per bucket under a root, one file per object.
 *
 * <p>Layout: {@code <root>/<bucket>/<sha256 of the key>.obj} (the bucket directory named as
 * {@link ObjectFileLayout#bucketDirectoryName} names it, so Windows device names are escaped), each
 * file in the SPI's portable {@link ObjectFileFormat}: the header carries the object's metadata
 * and key, so the folder can be copied with plain file tools. Unlike the built-in {@code local}
 * store there is no fan-out: fine for thousands of objects per bucket, not for millions, and a
 * listing reads every header of the bucket. It is an example, and it passes the whole TCK.
 */
final class FlatFileStore implements ObjectStore {
  static final String SUFFIX = ".obj";
  private static final Comparator<String> UTF8_ORDER =
      (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

  private final Path root;
  private final Clock clock;
  private final FlatFileWriter writer;

  private FlatFileStore(Path root, boolean fsync, StoreContext context) {
    this.root = root;
    this.clock = context.clock();
    this.writer = new FlatFileWriter(fsync, context.serverId(), clock);
  }

  /** Opens the store over {@code root} and removes temporary files this server left behind. */
  static FlatFileStore open(Path root, boolean fsync, StoreContext context) throws IOException {
    try (Stream<Path> files = Files.walk(root, 2)) {
      for (Path file : files.toList()) {
        if (ObjectFileLayout.isTemporaryFileOf(file.getFileName().toString(), context.serverId())) {
          Files.deleteIfExists(file);
        }
      }
    }
    return new FlatFileStore(root, fsync, context);
  }

  private Path bucketDirectory(String bucket) throws IOException {
    ObjectNames.checkBucket(bucket);
    return root.resolve(ObjectFileLayout.bucketDirectoryName(bucket));
  }

  private Path fileOf(String bucket, String key) throws IOException {
    ObjectNames.check(bucket, key);
    byte[] hash = sha256().digest(key.getBytes(StandardCharsets.UTF_8));
    return bucketDirectory(bucket).resolve(HexFormat.of().formatHex(hash) + SUFFIX);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** The header of an object file, checked against the file's length; empty if there is no file. */
  static Optional<ObjectFileHeader> readHeader(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      return Optional.of(checked(file, ObjectFileFormat.readHeader(channel), channel.size()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static ObjectFileHeader checked(Path file, ObjectFileHeader header, long size)
      throws CorruptObjectFileException {
    if (size != header.fileLength()) {
      throw new CorruptObjectFileException("object file " + file + " has " + size + " bytes where its header promises "
          + header.fileLength());
    }
    return header;
  }

  @Override
  public ObjectMetadata put(WriteRequest request, InputStream body) throws IOException {
    return writer.put(request, body, fileOf(request.bucket(), request.key()));
  }

  @Override
  public StoredObject get(String bucket, String key, ByteRange range) throws IOException {
    Path file = fileOf(bucket, key);
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException("no object " + bucket + "/" + key, e);
    }
    try {
      ObjectFileHeader header = checked(file, ObjectFileFormat.readHeader(channel), channel.size());
      ObjectMetadata metadata = header.metadata();
      if (metadata.isExpiredAt(clock.instant())) {
        throw new ObjectNotFoundException("object " + bucket + "/" + key + " has expired");
      }
      ResolvedRange resolved = range.resolve(metadata.size());
      channel.position(header.length() + resolved.offset());
      return new StoredObject(metadata, resolved, new BodyStream(channel, resolved.length()));
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Optional<ObjectMetadata> stat(String bucket, String key) throws IOException {
    Instant now = clock.instant();
    return readHeader(fileOf(bucket, key)).map(ObjectFileHeader::metadata).filter(m -> !m.isExpiredAt(now));
  }

  @Override
  public boolean delete(String bucket, String key) throws IOException {
    Path file = fileOf(bucket, key);
    Optional<ObjectFileHeader> header = readHeader(file);
    if (header.isEmpty()) {
      return false;
    }
    boolean deleted = Files.deleteIfExists(file);
    writer.force(file.getParent());
    return deleted && !header.get().metadata().isExpiredAt(clock.instant());
  }

  @Override
  public ObjectListing list(String bucket, ListRequest request) throws IOException {
    Instant now = clock.instant();
    TreeMap<String, ObjectMetadata> page = new TreeMap<>(UTF8_ORDER);
    for (Path file : objectFiles(bucketDirectory(bucket))) {
      Optional<ObjectMetadata> found = readHeader(file).map(ObjectFileHeader::metadata);
      if (found.isEmpty() || found.get().isExpiredAt(now)) {
        continue;
      }
      String key = found.get().key();
      boolean after = request.startAfter() == null || UTF8_ORDER.compare(key, request.startAfter()) > 0;
      if (after && key.startsWith(request.prefix())) {
        page.put(key, found.get());
        if (page.size() > request.limit() + 1) {
          page.pollLastEntry();
        }
      }
    }
    List<ObjectMetadata> items = new ArrayList<>(page.values());
    if (items.size() <= request.limit()) {
      return new ObjectListing(items, null);
    }
    List<ObjectMetadata> first = items.subList(0, request.limit());
    return new ObjectListing(first, first.get(first.size() - 1).key());
  }

  private static List<Path> objectFiles(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      List<Path> out = new ArrayList<>();
      files.forEach(out::add);
      return out;
    }
  }

  @Override
  public List<String> buckets() throws IOException {
    Instant now = clock.instant();
    List<String> buckets = new ArrayList<>();
    try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path directory : directories) {
        Optional<String> bucket = ObjectFileLayout.bucketOfDirectoryName(directory.getFileName().toString());
        if (bucket.isPresent() && holdsLiveObject(directory, now)) {
          buckets.add(bucket.get());
        }
      }
    }
    buckets.sort(UTF8_ORDER);
    return buckets;
  }

  private static boolean holdsLiveObject(Path directory, Instant now) throws IOException {
    for (Path file : objectFiles(directory)) {
      Optional<ObjectFileHeader> header = readHeader(file);
      if (header.isPresent() && !header.get().metadata().isExpiredAt(now)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public int purgeExpired(Instant now) throws IOException {
    int purged = 0;
    try (DirectoryStream<Path> directories = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path directory : directories) {
        for (Path file : objectFiles(directory)) {
          Optional<ObjectFileHeader> header = readHeader(file);
          if (header.isPresent() && header.get().metadata().isExpiredAt(now) && writer.removeIfExpired(file, now)) {
            purged++;
          }
        }
      }
    }
    return purged;
  }

  @Override
  public long usableSpace() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }

  @Override
  public StoreHealth health() {
    if (!Files.isDirectory(root)) {
      return StoreHealth.unhealthy("flat store root " + root + " is not a directory (unmounted?)");
    }
    if (!Files.isWritable(root)) {
      return StoreHealth.unhealthy("flat store root " + root + " is not writable");
    }
    return StoreHealth.healthy("flat store in " + root);
  }

  @Override
  public void close() {
    // Nothing to release: every file is opened and closed per call (or by its body stream).
  }

  @Override
  public String toString() {
    return "flat store in " + root;
  }
}
