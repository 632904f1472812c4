package dev.cvos.server.plugin;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A plugin's store as the server uses it: every call runs with the plugin's class loader as the
 * thread context class loader (Trino's {@code ClassLoaderSafe*} wrappers), and so does every read
 * of a body the store returns, since a lazy stream runs plugin code too.
 */
final class ClassLoaderSafeObjectStore implements ObjectStore {
  private final ObjectStore delegate;
  private final ClassLoader classLoader;

  ClassLoaderSafeObjectStore(ObjectStore delegate, ClassLoader classLoader) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
  }

  @Override
  public ObjectMetadata put(WriteRequest request, InputStream body) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.put(request, body);
    }
  }

  @Override
  public StoredObject get(String bucket, String key, ByteRange range) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      StoredObject object = delegate.get(bucket, key, range);
      return new StoredObject(object.metadata(), object.range(),
          ClassLoaderSafeInputStream.of(object.body(), classLoader));
    }
  }

  @Override
  public Optional<ObjectMetadata> stat(String bucket, String key) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.stat(bucket, key);
    }
  }

  @Override
  public boolean delete(String bucket, String key) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.delete(bucket, key);
    }
  }

  @Override
  public ObjectListing list(String bucket, ListRequest request) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.list(bucket, request);
    }
  }

  @Override
  public List<String> buckets() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.buckets();
    }
  }

  @Override
  public int purgeExpired(Instant now) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.purgeExpired(now);
    }
  }

  @Override
  public long usableSpace() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.usableSpace();
    }
  }

  @Override
  public StoreHealth health() {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.health();
    }
  }

  @Override
  public Set<StoreCapability> capabilities() {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.capabilities();
    }
  }

  @Override
  public void close() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      delegate.close();
    }
  }

  @Override
  public String toString() {
    return delegate + " (in " + classLoader.getName() + ")";
  }
}
