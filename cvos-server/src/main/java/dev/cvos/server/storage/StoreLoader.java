package dev.cvos.server.storage;

import dev.cvos.server.plugin.PluginLoadingException;
import dev.cvos.server.plugin.StoreProviders;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.StoreContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the store factory the configuration names among the {@link StoreProviders} (built in, or
 * from a plugin directory) and builds the store. Fails loudly, naming the provider: no provider of
 * that name, or a configuration the store refuses. (Two providers with one name and a plugin built
 * for another SPI major version are refused earlier, when {@link StoreProviders} loads them.)
 */
public final class StoreLoader {
  private final StoreProviders providers;

  public StoreLoader(StoreProviders providers) {
    this.providers = providers;
  }

  /** The factories found, by name. */
  public Map<String, ObjectStoreFactory> factories() throws StoreLoadingException {
    return providers.factories();
  }

  /** Builds the store named {@code provider} with its configuration. */
  public ObjectStore create(String provider, Map<String, String> config, StoreContext context)
      throws StoreLoadingException {
    ObjectStoreFactory factory;
    try {
      factory = providers.factory(provider);
    } catch (PluginLoadingException e) {
      throw new StoreLoadingException(e.getMessage(), e);
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
