package dev.cvos.server;

import com.google.inject.AbstractModule;
import dev.cvos.server.config.ServerConfig;
import java.time.Clock;

/** What every part uses: who this server is, and the clock. */
public final class CoreModule extends AbstractModule {
  private final ServerConfig server;
  private final Clock clock;

  public CoreModule(ServerConfig server, Clock clock) {
    this.server = server;
    this.clock = clock;
  }

  @Override
  protected void configure() {
    bind(ServerConfig.class).toInstance(server);
    bind(Clock.class).toInstance(clock);
  }
}
