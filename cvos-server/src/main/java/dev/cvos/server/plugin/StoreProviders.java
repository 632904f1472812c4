package dev.cvos.server.plugin;

import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every store provider the server can build a store with, by name: the built-in ones from the
 * server's class path ({@code local}, {@code smb}) and those of the plugins installed under the
 * plugins directory, each in its own {@link PluginClassLoader}. Names are unique: a plugin that
 * reuses a name (another plugin's or a built-in one) stops the start.
 */
public final class StoreProviders {
  /** What a provider name looks like. */
  static final Pattern NAME = Pattern.compile("[a-z0-9-]+");

  private final Map<String, StoreProvider> byName;
  private final Path pluginsDir;

  private StoreProviders(Map<String, StoreProvider> byName, Path pluginsDir) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
    this.pluginsDir = pluginsDir;
  }

  /**
   * Finds the built-in providers with {@link ServiceLoader} on {@code serverClassLoader}, then
   * loads every plugin under {@code pluginsDir}, exposing to each the SPI as {@link
   * ObjectStoreFactory}'s class loader has it.
   *
   * @throws PluginLoadingException naming the plugin directory or provider at fault
   */
  public static StoreProviders load(Path pluginsDir, ClassLoader serverClassLoader) throws PluginLoadingException {
    Map<String, StoreProvider> byName = new LinkedHashMap<>();
    for (StoreProvider provider : builtIn(serverClassLoader)) {
      add(byName, provider);
    }
    for (StoreProvider provider : new PluginLoader(ObjectStoreFactory.class.getClassLoader()).loadAll(pluginsDir)) {
      add(byName, provider);
    }
    return new StoreProviders(byName, pluginsDir);
  }

  private static List<StoreProvider> builtIn(ClassLoader serverClassLoader) throws PluginLoadingException {
    List<StoreProvider> providers = new ArrayList<>();
    try {
      for (ObjectStoreFactory factory : ServiceLoader.load(ObjectStoreFactory.class, serverClassLoader)) {
        String origin = "built-in (" + factory.getClass().getName() + ")";
        if (factory.spiMajorVersion() != SpiVersion.MAJOR || !NAME.matcher(factory.name()).matches()) {
          throw new PluginLoadingException(origin + " is named '" + factory.name() + "' for SPI "
              + factory.spiMajorVersion() + "; this server needs a lower-case name and SPI " + SpiVersion.MAJOR);
        }
        providers.add(new StoreProvider(factory.name(), factory, origin));
      }
    } catch (ServiceConfigurationError e) {
      throw new PluginLoadingException("a built-in store provider cannot be loaded: " + e.getMessage(), e);
    }
    return providers;
  }

  private static void add(Map<String, StoreProvider> byName, StoreProvider provider) throws PluginLoadingException {
    StoreProvider previous = byName.putIfAbsent(provider.name(), provider);
    if (previous != null) {
      throw new PluginLoadingException("two store providers are named '" + provider.name() + "': "
          + previous.origin() + " and " + provider.origin() + "; remove one of them");
    }
  }

  /** The factories by name, in name order. */
  public Map<String, ObjectStoreFactory> factories() {
    Map<String, ObjectStoreFactory> factories = new TreeMap<>();
    byName.forEach((name, provider) -> factories.put(name, provider.factory()));
    return factories;
  }

  /** The providers by name, in name order. */
  public Map<String, StoreProvider> providers() {
    return byName;
  }

  /**
   * The factory {@code storage.provider} names.
   *
   * @throws PluginLoadingException if no provider has that name; the message lists those there are
   */
  public ObjectStoreFactory factory(String name) throws PluginLoadingException {
    Objects.requireNonNull(name, "name");
    StoreProvider provider = byName.get(name);
    if (provider == null) {
      throw new PluginLoadingException("storage.provider is '" + name + "', but no store provider has that name; "
          + "available: " + byName.keySet() + " (built-in, and plugins installed under " + pluginsDir + "); "
          + "set storage.provider to one of them, or install the plugin as " + pluginsDir.resolve(name) + "/");
    }
    return provider.factory();
  }
}
