package dev.cvos.server.plugin;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.StoreContext;
import java.util.Map;
import java.util.Objects;

/**
 * A plugin's factory as the server uses it: {@link #create} runs with the plugin's class loader as
 * the thread context class loader, returns the store wrapped in a {@link
 * ClassLoaderSafeObjectStore}, and names the plugin directory in every failure.
 */
final class ClassLoaderSafeStoreFactory implements ObjectStoreFactory {
  private final ObjectStoreFactory delegate;
  private final ClassLoader classLoader;
  private final String name;
  private final int spiMajorVersion;
  private final String origin;

  /** The name and SPI version are read once, when the plugin is loaded, and given here. */
  ClassLoaderSafeStoreFactory(
      ObjectStoreFactory delegate, ClassLoader classLoader, String name, int spiMajorVersion, String origin) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    this.name = Objects.requireNonNull(name, "name");
    this.spiMajorVersion = spiMajorVersion;
    this.origin = Objects.requireNonNull(origin, "origin");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int spiMajorVersion() {
    return spiMajorVersion;
  }

  @Override
  public ObjectStore create(Map<String, String> config, StoreContext context) throws BackendUnavailableException {
    ObjectStore store;
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      store = delegate.create(config, context);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(origin + ": " + e.getMessage(), e);
    } catch (BackendUnavailableException e) {
      throw new BackendUnavailableException(origin + ": " + e.getMessage(), e);
    } catch (RuntimeException | LinkageError e) {
      throw new PluginFailureException(origin + " failed to create its store: " + e, e);
    }
    if (store == null) {
      throw new PluginFailureException(origin + " returned no store from create", null);
    }
    return new ClassLoaderSafeObjectStore(store, classLoader);
  }

  /** The plugin's own factory, for tests and diagnostics. */
  ObjectStoreFactory delegate() {
    return delegate;
  }

  @Override
  public String toString() {
    return origin;
  }
}
