package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.UnsupportedStoreOperationException;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/**
 * What every contract of the TCK reads the store under test through, with the helpers they share.
 * {@link ObjectStoreContractTest} implements it.
 */
interface StoreFixture {
  /** The bucket most cases write to. */
  String BUCKET = "tck";

  /** The store under test, open. */
  ObjectStore store();

  /** The clock the store was given. */
  MutableClock clock();

  /** Closes the store and opens it again over the same storage; returns the new store. */
  ObjectStore reopenStore() throws Exception;

  default boolean supports(StoreCapability capability) {
    return store().capabilities().contains(capability);
  }

  /** Asserts that a store lacking {@code capability} refuses {@code call} with the SPI's exception. */
  default void assertUnsupported(StoreCapability capability, ThrowingCallable call) {
    assertThat(supports(capability)).as("store declares %s", capability).isFalse();
    assertThat(catchThrowable(call))
        .as("a store without %s must refuse this with UnsupportedStoreOperationException", capability)
        .isInstanceOf(UnsupportedStoreOperationException.class);
  }

  /** Stores a generated body of known length and checks what the store reports. */
  default ObjectMetadata putGenerated(String bucket, String key, long size, long seed)
      throws IOException {
    return putGenerated(WriteRequest.of(bucket, key).withContentLength(size), size, seed);
  }

  /** Stores a generated body under {@code request} and checks size and digest of the result. */
  default ObjectMetadata putGenerated(WriteRequest request, long size, long seed) throws IOException {
    try (InputStream body = GeneratedBody.of(size, seed)) {
      ObjectMetadata stored = store().put(request, body);
      StreamDigest expected = GeneratedBody.digest(size, seed);
      assertThat(stored.size()).as("stored size").isEqualTo(size);
      assertThat(stored.sha256()).as("stored sha256").isEqualTo(expected.sha256());
      return stored;
    }
  }

  default ObjectMetadata putBytes(String bucket, String key, byte[] bytes) throws IOException {
    return store().put(WriteRequest.of(bucket, key), new ByteArrayInputStream(bytes));
  }

  /** Reads a whole object, streaming, and checks the body against its metadata. */
  default StreamDigest readWhole(String bucket, String key) throws IOException {
    try (StoredObject object = store().get(bucket, key, ByteRange.ALL)) {
      StreamDigest read = StreamDigest.of(object.body());
      assertThat(read.size()).as("bytes read").isEqualTo(object.metadata().size());
      assertThat(read.sha256()).as("sha256 of bytes read").isEqualTo(object.metadata().sha256());
      return read;
    }
  }

  /** Every key of a bucket, walking the pages of {@code pageSize}. */
  default List<String> listAllKeys(String bucket, String prefix, String startAfter, int pageSize)
      throws IOException {
    List<String> keys = new ArrayList<>();
    String after = startAfter;
    for (int page = 0; page < 100_000; page++) {
      ObjectListing listing = store().list(bucket, new ListRequest(prefix, after, pageSize));
      assertThat(listing.items().size()).as("page size").isLessThanOrEqualTo(pageSize);
      listing.items().forEach(item -> keys.add(item.key()));
      if (listing.next() == null) {
        return keys;
      }
      assertThat(listing.items()).as("a page with a next key is full").hasSize(pageSize);
      assertThat(listing.next()).isEqualTo(listing.items().get(pageSize - 1).key());
      after = listing.next();
    }
    throw new AssertionError("listing never ended");
  }
}
