package dev.cvos.server.storage;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import dev.cvos.storage.spi.StoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the store factory the configuration names among the {@link ObjectStoreFactory}s on the
 * server's class path and builds the store. Fails loudly: no provider of that name, two providers
 * with one name, or a plugin built for another SPI major version stop the start with a message
 * naming the plugin.
 */
public final class StoreLoader {
  private final ClassLoader classLoader;

  public StoreLoader(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** The factories found, by name. */
  public Map<String, ObjectStoreFactory> factories() throws StoreLoadingException {
    Map<String, ObjectStoreFactory> byName = new TreeMap<>();
    try {
      for (ObjectStoreFactory factory : ServiceLoader.load(ObjectStoreFactory.class, classLoader)) {
        ObjectStoreFactory previous = byName.put(factory.name(), factory);
        if (previous != null) {
          throw new StoreLoadingException("two store plugins are named '" + factory.name() + "': "
              + previous.getClass().getName() + " and " + factory.getClass().getName() + "; remove one");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new StoreLoadingException("a store plugin cannot be loaded: " + e.getMessage(), e);
    }
    return byName;
  }

  /** Builds the store named {@code provider} with its configuration. */
  public ObjectStore create(String provider, Map<String, String> config, StoreContext context)
      throws StoreLoadingException {
    Map<String, ObjectStoreFactory> factories = factories();
    ObjectStoreFactory factory = factories.get(provider);
    if (factory == null) {
      throw new StoreLoadingException("storage.provider is '" + provider + "', but no store plugin has that name; "
          + "found: " + new ArrayList<>(factories.keySet()));
    }
    if (factory.spiMajorVersion() != SpiVersion.MAJOR) {
      throw new StoreLoadingException("store plugin '" + provider + "' (" + factory.getClass().getName()
          + ") was built for storage SPI " + factory.spiMajorVersion() + ", this server has SPI " + SpiVersion.MAJOR);
    }
    try {
      return factory.create(Map.copyOf(config), context);
    } catch (IllegalArgumentException e) {
      throw new StoreLoadingException("store plugin '" + provider + "' refuses its configuration (storage.config.*): "
          + e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new StoreLoadingException("store plugin '" + provider + "' cannot reach its backend: " + e.getMessage(), e);
    }
  }

  /** Names of the factories found, for messages. */
  public List<String> names() throws StoreLoadingException {
    return new ArrayList<>(factories().keySet());
  }
}
