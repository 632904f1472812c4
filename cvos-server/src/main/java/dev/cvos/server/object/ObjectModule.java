package dev.cvos.server.object;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.domain.object.ExpirySweeper;
import dev.cvos.domain.object.KeyGenerator;
import dev.cvos.domain.object.ObjectService;
import dev.cvos.server.config.HttpConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.SweepConfig;
import dev.cvos.server.http.HttpBindings;
import dev.cvos.storage.spi.ObjectStore;
import java.time.Clock;

/**
 * The object feature: the domain's object use cases and the expiry sweep over the configured
 * store, the Objects resource (writes, listing) in Jersey and the read handler in front of it.
 */
public final class ObjectModule extends AbstractModule {
  private final SweepConfig sweep;

  public ObjectModule(SweepConfig sweep) {
    this.sweep = sweep;
  }

  @Override
  protected void configure() {
    bind(SweepConfig.class).toInstance(sweep);
    bind(SweepLog.class).in(Singleton.class);
    bind(ObjectResource.class).in(Singleton.class);
    bind(ObjectReads.class).in(Singleton.class);
    bind(ObjectReadHandler.class).in(Singleton.class);
    HttpBindings.jerseyComponents(binder()).addBinding().to(ObjectResource.class);
    HttpBindings.frontHandlers(binder()).addBinding().to(ObjectReadHandler.class);
  }

  @Provides
  @Singleton
  KeyGenerator keyGenerator(ServerConfig server, Clock clock) {
    return new KeyGenerator(server.id(), clock);
  }

  @Provides
  @Singleton
  ObjectService objectService(ObjectStore store, Clock clock, KeyGenerator keys, HttpConfig http) {
    return new ObjectService(store, clock, keys, http.maxObjectBytes());
  }

  @Provides
  @Singleton
  ExpirySweeper expirySweeper(ObjectStore store, Clock clock, SweepConfig config, SweepLog log) {
    return new ExpirySweeper(store, clock, config.interval(), log);
  }
}
