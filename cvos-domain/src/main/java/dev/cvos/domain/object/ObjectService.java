package dev.cvos.domain.object;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The object use cases of a storing server: write (PUT, or POST with a key the server picks),
 * read whole or a range, stat, delete and list — on this server's store. Every failure is an
 * {@link ObjectOperationException} with a code of {@link ObjectErrorCode}.
 */
public final class ObjectService {
  private final ObjectStore store;
  private final Clock clock;
  private final KeyGenerator keys;
  private final long maxObjectBytes;

  public ObjectService(ObjectStore store, Clock clock, KeyGenerator keys, long maxObjectBytes) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.keys = Objects.requireNonNull(keys, "keys");
    if (maxObjectBytes < 0) {
      throw new IllegalArgumentException("maxObjectBytes is negative: " + maxObjectBytes);
    }
    this.maxObjectBytes = maxObjectBytes;
  }

  /** The largest body a write accepts, in bytes. */
  public long maxObjectBytes() {
    return maxObjectBytes;
  }

  /**
   * Stores {@code body} under {@code bucket}/{@code key}. Until this returns, readers see the
   * previous object (or none); when it fails, nothing of the body is kept.
   */
  public PutOutcome put(String bucket, String key, ObjectWrite write, InputStream body)
      throws ObjectOperationException {
    checkNames(bucket, key);
    checkDeclaredLength(write);
    boolean created = write.createOnly() || stat(bucket, key).isEmpty();
    WriteRequest request = new WriteRequest(bucket, key, write.contentLength(), write.contentType(),
        expiry(write), write.expectedSha256(), write.createOnly() ? WriteMode.CREATE_ONLY : WriteMode.OVERWRITE);
    try {
      ObjectMetadata stored = store.put(request, new SizeLimitedInputStream(body, maxObjectBytes));
      return new PutOutcome(stored, created);
    } catch (IOException e) {
      throw StorageFailures.translate(e, bucket, key);
    }
  }

  /** Stores {@code body} under a new key the server picks (see {@link KeyGenerator}). */
  public ObjectMetadata post(String bucket, ObjectWrite write, InputStream body) throws ObjectOperationException {
    ObjectWrite createOnly = new ObjectWrite(write.contentLength(), write.contentType(),
        write.expectedSha256(), write.expiresAfter(), true);
    return put(bucket, keys.newKey(), createOnly, body).metadata();
  }

  /** A new key this server picks (see {@link KeyGenerator}). */
  public String newKey() {
    return keys.newKey();
  }

  /** Checks the bucket and the page size of a listing. */
  public void checkListing(String bucket, int limit) throws ObjectOperationException {
    checkBucket(bucket);
    if (limit < 1 || limit > ListRequest.MAX_LIMIT) {
      throw new ObjectOperationException(ObjectErrorCode.INVALID_REQUEST,
          "limit is " + limit + "; it must be between 1 and " + ListRequest.MAX_LIMIT);
    }
  }

  /** Opens an object for reading; the caller closes the result. */
  public StoredObject open(String bucket, String key, ByteRange range) throws ObjectOperationException {
    checkNames(bucket, key);
    try {
      return store.get(bucket, key, range);
    } catch (IOException e) {
      throw StorageFailures.translate(e, bucket, key);
    }
  }

  /** The metadata of an object. */
  public ObjectMetadata metadata(String bucket, String key) throws ObjectOperationException {
    checkNames(bucket, key);
    return stat(bucket, key).orElseThrow(() -> StorageFailures.notFound(bucket, key));
  }

  /** Deletes an object; {@link ObjectErrorCode#NOT_FOUND} when there was none. */
  public void delete(String bucket, String key) throws ObjectOperationException {
    if (!deleteIfPresent(bucket, key)) {
      throw StorageFailures.notFound(bucket, key);
    }
  }

  /** Deletes an object; false when there was none. */
  public boolean deleteIfPresent(String bucket, String key) throws ObjectOperationException {
    checkNames(bucket, key);
    try {
      return store.delete(bucket, key);
    } catch (IOException e) {
      throw StorageFailures.translate(e, bucket, key);
    }
  }

  /**
   * A page of a bucket's keys in byte order.
   *
   * @param prefix only keys starting with it; null or empty for all
   * @param after only keys after it; null to start at the first
   * @param limit 1 to {@link ListRequest#MAX_LIMIT}
   */
  public ObjectListing list(String bucket, String prefix, String after, int limit) throws ObjectOperationException {
    checkListing(bucket, limit);
    try {
      return store.list(bucket, new ListRequest(prefix == null ? "" : prefix, after, limit));
    } catch (IOException e) {
      throw StorageFailures.translate(e, bucket, null);
    }
  }

  private Optional<ObjectMetadata> stat(String bucket, String key) throws ObjectOperationException {
    try {
      return store.stat(bucket, key);
    } catch (IOException e) {
      throw StorageFailures.translate(e, bucket, key);
    }
  }

  private Instant expiry(ObjectWrite write) {
    return write.expiresAfter() == null ? null : clock.instant().plus(write.expiresAfter());
  }

  private void checkDeclaredLength(ObjectWrite write) throws ObjectOperationException {
    if (write.contentLength() > maxObjectBytes) {
      throw new ObjectOperationException(ObjectErrorCode.TOO_LARGE, "the body of " + write.contentLength()
          + " bytes is larger than the maximum object size of " + maxObjectBytes + " bytes");
    }
  }

  private static void checkNames(String bucket, String key) throws ObjectOperationException {
    checkBucket(bucket);
    try {
      ObjectNames.checkKey(key);
    } catch (IOException e) {
      throw new ObjectOperationException(ObjectErrorCode.INVALID_NAME, "invalid key: " + e.getMessage(), e);
    }
  }

  private static void checkBucket(String bucket) throws ObjectOperationException {
    try {
      ObjectNames.checkBucket(bucket);
    } catch (IOException e) {
      throw new ObjectOperationException(ObjectErrorCode.INVALID_NAME, "invalid bucket: " + e.getMessage(), e);
    }
  }
}
