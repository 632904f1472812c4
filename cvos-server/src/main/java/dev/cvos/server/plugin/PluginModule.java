package dev.cvos.server.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads the store providers at start: the built-in ones and every plugin under the plugins
 * directory. A faulty plugin stops the start.
 */
public final class PluginModule extends AbstractModule {
  private final Path pluginsDir;

  public PluginModule(Path pluginsDir) {
    this.pluginsDir = Objects.requireNonNull(pluginsDir, "pluginsDir");
  }

  @Provides
  @Singleton
  StoreProviders storeProviders() throws PluginLoadingException {
    return StoreProviders.load(pluginsDir, PluginModule.class.getClassLoader());
  }
}
