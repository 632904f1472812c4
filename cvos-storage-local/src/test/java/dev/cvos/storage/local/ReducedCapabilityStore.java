package dev.cvos.storage.local;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.UnsupportedStoreOperationException;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A real store (the local one) that declares only some capabilities, as a plugin for a simpler
 * backend would: what needs a missing capability is refused with {@link
 * UnsupportedStoreOperationException}, unless built {@code refusing=false}, which makes a store
 * that declares less than it does (the TCK must catch that).
 */
final class ReducedCapabilityStore implements ObjectStore {
  private final ObjectStore store;
  private final Set<StoreCapability> capabilities;
  private final boolean refusing;

  ReducedCapabilityStore(ObjectStore store, Set<StoreCapability> capabilities, boolean refusing) {
    this.store = store;
    this.capabilities = capabilities.isEmpty()
        ? EnumSet.noneOf(StoreCapability.class) : EnumSet.copyOf(capabilities);
    this.refusing = refusing;
  }

  @Override
  public Set<StoreCapability> capabilities() {
    return Set.copyOf(capabilities);
  }

  @Override
  public ObjectMetadata put(WriteRequest request, InputStream body) throws IOException {
    if (request.mode() == WriteMode.CREATE_ONLY) {
      refuseWithout(StoreCapability.CREATE_ONLY);
    }
    if (request.expires() != null) {
      refuseWithout(StoreCapability.EXPIRY);
    }
    return store.put(request, body);
  }

  @Override
  public StoredObject get(String bucket, String key, ByteRange range) throws IOException {
    if (!range.equals(ByteRange.ALL)) {
      refuseWithout(StoreCapability.RANGE_READ);
    }
    return store.get(bucket, key, range);
  }

  private void refuseWithout(StoreCapability capability) throws UnsupportedStoreOperationException {
    if (refusing && !capabilities.contains(capability)) {
      throw new UnsupportedStoreOperationException("this store has no " + capability);
    }
  }

  @Override
  public Optional<ObjectMetadata> stat(String bucket, String key) throws IOException {
    return store.stat(bucket, key);
  }

  @Override
  public boolean delete(String bucket, String key) throws IOException {
    return store.delete(bucket, key);
  }

  @Override
  public ObjectListing list(String bucket, ListRequest request) throws IOException {
    return store.list(bucket, request);
  }

  @Override
  public List<String> buckets() throws IOException {
    return store.buckets();
  }

  @Override
  public int purgeExpired(Instant now) throws IOException {
    return store.purgeExpired(now);
  }

  @Override
  public long usableSpace() throws IOException {
    return store.usableSpace();
  }

  @Override
  public StoreHealth health() {
    return store.health();
  }

  @Override
  public void close() throws IOException {
    store.close();
  }
}
