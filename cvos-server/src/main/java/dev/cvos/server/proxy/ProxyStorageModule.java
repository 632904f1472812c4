package dev.cvos.server.proxy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.server.config.StorageConfig;
import dev.cvos.storage.spi.ObjectStore;

/**
 * The storage of a simple secondary, in place of the storage module: the configured store is
 * never opened, and {@link ProxyModeStore} stands in for it.
 */
public final class ProxyStorageModule extends AbstractModule {
  private final StorageConfig config;

  public ProxyStorageModule(StorageConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(StorageConfig.class).toInstance(config);
  }

  @Provides
  @Singleton
  ObjectStore objectStore(PeerRanking ranking) {
    return new ProxyModeStore(ranking);
  }
}
