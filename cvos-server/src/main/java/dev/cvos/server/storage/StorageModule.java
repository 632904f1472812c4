package dev.cvos.server.storage;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.StorageConfig;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;

/** Builds the configured {@link ObjectStore}; the server closes it on shutdown. */
public final class StorageModule extends AbstractModule {
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
  ObjectStore objectStore(StorageConfig storage, ServerConfig server, Clock clock)
      throws StoreLoadingException, IOException {
    if (storage.defaultRoot().isPresent()) {
      Files.createDirectories(storage.defaultRoot().get());
    }
    return new StoreLoader(StorageModule.class.getClassLoader())
        .create(storage.provider(), storage.storeConfig(), StoreContext.of(clock, server.id()));
  }
}
