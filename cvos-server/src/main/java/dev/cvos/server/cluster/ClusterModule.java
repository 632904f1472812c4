package dev.cvos.server.cluster;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.cvos.server.config.RegistryConfig;

/** This server's registration and heartbeat, and the cluster view. The registry itself comes from persistence. */
public final class ClusterModule extends AbstractModule {
  private final RegistryConfig config;

  public ClusterModule(RegistryConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(RegistryConfig.class).toInstance(config);
    bind(ServerRegistration.class).in(Singleton.class);
    bind(ClusterResource.class).in(Singleton.class);
  }
}
