package dev.cvos.server.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.StorageConfig;
import dev.cvos.server.plugin.StoreProviders;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured {@link ObjectStore}; the server closes it on shutdown. */
public final class StorageModule extends AbstractModule {
  private static final Logger LOG = LoggerFactory.getLogger(StorageModule.class);
  private final StorageConfig config;

  public StorageModule(StorageConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(StorageConfig.class).toInstance(config);
  }

  @Provides
  @Singleton
  ObjectStore objectStore(StorageConfig storage, ServerConfig server, Clock clock, StoreProviders providers)
      throws StoreLoadingException, IOException {
    if (storage.defaultRoot().isPresent()) {
      Files.createDirectories(storage.defaultRoot().get());
    }
    ObjectStore store = new StoreLoader(providers)
        .create(storage.provider(), storage.storeConfig(), StoreContext.of(clock, server.id()));
    LOG.info("Storage: provider {}, {}", storage.provider(), where(storage));
    return store;
  }

  /** Where the store keeps objects, as its configuration says: the root or URL of built-in stores. */
  static String where(StorageConfig storage) {
    for (String key : new String[] {"root", "url"}) {
      String value = storage.storeConfig().get(key);
      if (value != null && !value.isBlank()) {
        return key + " " + value;
      }
    }
    return "configured by storage.config." + storage.storeConfig().keySet();
  }
}
