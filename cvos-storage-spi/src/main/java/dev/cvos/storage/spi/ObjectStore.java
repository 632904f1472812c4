package dev.cvos.storage.spi;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A place that keeps objects: a directory, a network share, or whatever a plugin reaches.
 *
 * <p>A store is used by many threads at once and must be safe for that. Every method that names
 * an object checks the bucket and key with {@link ObjectNames} first and throws {@link
 * InvalidNameException} for a bad one. Every method may throw {@link BackendUnavailableException}
 * when the backend cannot be reached; the server answers {@code 503} then.
 *
 * <p>The contract is checked by the TCK, {@code dev.cvos.storage.spi.tck.ObjectStoreContractTest}
 * in the {@code tests} jar of this module: extend it, supply your store, and run it.
 */
public interface ObjectStore extends AutoCloseable {

  /**
   * Stores an object, reading its body to the end of the stream.
   *
   * <p>The write is atomic: no reader sees a part of it, and until this method returns the
   * previous object under the key (if any) is what readers get. When it returns, the object is
   * durable (on a local disk: fsynced, renamed into place, and the directory fsynced). When it
   * throws, nothing of the new body is visible and no temporary data is left behind. Of two
   * concurrent writers to one key, the object left is one of the two bodies, whole.
   *
   * @param request what to store: names, declared length, content type, expiry, expected digest,
   *     and whether an existing object may be replaced
   * @param body the bytes; the store reads it to its end but does not close it
   * @return the metadata of the stored object, with its size and SHA-256 as computed by the store
   * @throws ObjectAlreadyExistsException if the request is {@link WriteMode#CREATE_ONLY} and a
   *     (non-expired) object exists under the key
   * @throws ChecksumMismatchException if the request carries an expected SHA-256 and the body
   *     does not hash to it
   * @throws ContentLengthMismatchException if the request declares a length and the body is
   *     shorter or longer
   * @throws InsufficientStorageException if the backend is out of space
   * @throws IOException if reading the body or writing the backend fails
   */
  ObjectMetadata put(WriteRequest request, InputStream body) throws IOException;

  /**
   * Opens an object for reading, whole or a byte range.
   *
   * <p>The stream returned reads one version of the object: a reader that opened the old object
   * before an overwrite reads the old bytes to the end.
   *
   * @param bucket the bucket
   * @param key the key
   * @param range the bytes wanted; {@link ByteRange#ALL} for the whole object
   * @return the object and a stream of the bytes in range; the caller closes it
   * @throws ObjectNotFoundException if no object exists under the key, or it has expired
   * @throws RangeNotSatisfiableException if the range starts at or after the end of the object
   */
  StoredObject get(String bucket, String key, ByteRange range) throws IOException;

  /**
   * The metadata of an object, without its body.
   *
   * @return the metadata, or empty if no object exists under the key or it has expired
   */
  Optional<ObjectMetadata> stat(String bucket, String key) throws IOException;

  /**
   * Deletes an object.
   *
   * @return true if an object was deleted, false if none existed (deleting a missing key is not
   *     an error); an expired object not yet reclaimed is deleted and counts as missing
   */
  boolean delete(String bucket, String key) throws IOException;

  /**
   * Lists objects of one bucket in the byte order of their keys' UTF-8 encoding.
   *
   * @return at most {@link ListRequest#limit()} items after {@link ListRequest#startAfter()},
   *     whose keys start with {@link ListRequest#prefix()}; expired objects are left out
   */
  ObjectListing list(String bucket, ListRequest request) throws IOException;

  /**
   * The buckets that hold at least one object, in byte order. Used by backup and migration to walk
   * every object.
   */
  List<String> buckets() throws IOException;

  /**
   * Reclaims the bytes of expired objects. The server calls it from a background sweep. Expired
   * objects are invisible to readers whether or not this has run.
   *
   * @param now the time to judge expiry against
   * @return how many objects were reclaimed
   */
  int purgeExpired(Instant now) throws IOException;

  /** Bytes still free for new objects, as far as the backend can tell. */
  long usableSpace() throws IOException;

  /** Whether the backend is usable now, with a reason when it is not. Never throws. */
  StoreHealth health();

  /**
   * What this store supports. An operation outside this set throws {@link
   * UnsupportedStoreOperationException}, and the TCK checks that it does.
   */
  default Set<StoreCapability> capabilities() {
    return EnumSet.allOf(StoreCapability.class);
  }

  /** Releases the store's resources (connections, threads). Idempotent. */
  @Override
  void close() throws IOException;
}
