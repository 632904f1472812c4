package dev.cvos.server.plugin;

import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the store plugins of a plugins directory: each sub-directory {@code <name>/} is one
 * plugin, its jars on one {@link PluginClassLoader}, its factories found with {@link
 * ServiceLoader}. Any fault stops the loading with a {@link PluginLoadingException} naming the
 * plugin directory: a jar that cannot be read, no factory, a factory that cannot be built or
 * asked its name, a bad name, two factories of one name, or an SPI major version other than this
 * server's.
 */
final class PluginLoader {
  private static final Logger LOG = LoggerFactory.getLogger(PluginLoader.class);
  private static final String SERVICE_FILE = "META-INF/services/" + ObjectStoreFactory.class.getName();

  private final ClassLoader spiClassLoader;

  PluginLoader(ClassLoader spiClassLoader) {
    this.spiClassLoader = Objects.requireNonNull(spiClassLoader, "spiClassLoader");
  }

  /** The providers of every plugin under {@code pluginsDir}; none if the directory is missing. */
  List<StoreProvider> loadAll(Path pluginsDir) throws PluginLoadingException {
    if (!Files.exists(pluginsDir)) {
      LOG.debug("No plugins directory {}: only the built-in stores are available", pluginsDir);
      return List.of();
    }
    if (!Files.isDirectory(pluginsDir)) {
      throw new PluginLoadingException("plugin.dir " + pluginsDir + " is not a directory; "
          + "point plugin.dir at a directory holding one sub-directory per plugin");
    }
    List<Path> entries;
    try (Stream<Path> list = Files.list(pluginsDir)) {
      entries = list.sorted().toList();
    } catch (IOException e) {
      throw new PluginLoadingException("plugins directory " + pluginsDir + " cannot be read: " + e, e);
    }
    List<StoreProvider> providers = new ArrayList<>();
    for (Path entry : entries) {
      if (Files.isDirectory(entry)) {
        providers.addAll(loadPlugin(entry));
      } else if (entry.getFileName().toString().endsWith(".jar")) {
        throw new PluginLoadingException("plugins directory " + pluginsDir + " holds " + entry.getFileName()
            + ", which is not a directory; a plugin is a directory plugins/<name>/ with its jars in it: move "
            + entry.getFileName() + " into a directory of its own, e.g. " + pluginsDir.resolve("<name>").resolve(entry.getFileName()));
      } else {
        LOG.debug("Ignoring {}: a plugin is a directory", entry);
      }
    }
    return providers;
  }

  /** The providers of one plugin directory. */
  List<StoreProvider> loadPlugin(Path directory) throws PluginLoadingException {
    List<URL> jars = jarsOf(directory);
    String pluginName = directory.getFileName().toString();
    PluginClassLoader loader = new PluginClassLoader(pluginName, jars, spiClassLoader);
    try {
      List<StoreProvider> providers = providersOf(directory, loader);
      LOG.info("Loaded store plugin {} from {}: {}", pluginName, directory,
          providers.stream().map(StoreProvider::name).toList());
      return providers;
    } catch (PluginLoadingException | RuntimeException | Error e) {
      closeQuietly(loader, e);
      throw e;
    }
  }

  private static List<URL> jarsOf(Path directory) throws PluginLoadingException {
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(file -> file.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new PluginLoadingException("plugin directory " + directory + " cannot be read: " + e, e);
    }
    if (files.isEmpty()) {
      throw new PluginLoadingException("plugin directory " + directory + " holds no jar; put the plugin's jar "
          + "and the jars it depends on there, or remove the directory");
    }
    List<URL> urls = new ArrayList<>();
    for (Path file : files) {
      checkReadable(directory, file);
      try {
        urls.add(file.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new PluginLoadingException("plugin directory " + directory + ": " + file.getFileName()
            + " has no URL: " + e.getMessage(), e);
      }
    }
    return urls;
  }

  /** Opens a jar and reads every entry's header, so a damaged or unreadable jar stops the start now. */
  private static void checkReadable(Path directory, Path file) throws PluginLoadingException {
    try (JarFile jar = new JarFile(file.toFile(), true)) {
      for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
        entries.nextElement();
      }
    } catch (IOException | SecurityException e) {
      throw new PluginLoadingException("plugin directory " + directory + ": jar " + file.getFileName()
          + " cannot be read (" + e.getMessage() + "); replace it with an intact copy", e);
    }
  }

  private static List<StoreProvider> providersOf(Path directory, PluginClassLoader loader)
      throws PluginLoadingException {
    List<StoreProvider> providers = new ArrayList<>();
    Map<String, String> classByName = new HashMap<>();
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(loader)) {
      for (ObjectStoreFactory factory : ServiceLoader.load(ObjectStoreFactory.class, loader)) {
        String className = factory.getClass().getName();
        String origin = "plugin directory " + directory + " (" + className + ")";
        String name = askName(factory, origin);
        int version = askVersion(factory, origin);
        if (version != SpiVersion.MAJOR) {
          throw new PluginLoadingException(origin + " was built for storage SPI " + version
              + ", but this server has storage SPI " + SpiVersion.MAJOR + "; install a build of the plugin for SPI "
              + SpiVersion.MAJOR);
        }
        String previous = classByName.put(name, className);
        if (previous != null) {
          throw new PluginLoadingException("plugin directory " + directory + " has two store providers named '"
              + name + "': " + previous + " and " + className + "; a plugin registers each name once");
        }
        providers.add(new StoreProvider(name, new ClassLoaderSafeStoreFactory(factory, loader, name, version, origin),
            origin));
      }
    } catch (ServiceConfigurationError | LinkageError e) {
      throw new PluginLoadingException("plugin directory " + directory + ": a store provider cannot be loaded: "
          + withRootCause(e) + "; check " + SERVICE_FILE + " and that every jar the plugin needs is in the directory",
          e);
    }
    if (providers.isEmpty()) {
      throw new PluginLoadingException("plugin directory " + directory + " provides no store: none of its jars "
          + "registers an " + ObjectStoreFactory.class.getName() + " in " + SERVICE_FILE);
    }
    return providers;
  }

  private static String askName(ObjectStoreFactory factory, String origin) throws PluginLoadingException {
    String name;
    try {
      name = factory.name();
    } catch (RuntimeException e) {
      throw new PluginLoadingException(origin + " fails to tell its name: " + e, e);
    }
    if (name == null || !StoreProviders.NAME.matcher(name).matches()) {
      throw new PluginLoadingException(origin + " is named '" + name
          + "'; a provider name is lower case letters, digits and dashes");
    }
    return name;
  }

  private static int askVersion(ObjectStoreFactory factory, String origin) throws PluginLoadingException {
    try {
      return factory.spiMajorVersion();
    } catch (RuntimeException e) {
      throw new PluginLoadingException(origin + " fails to tell its SPI version: " + e, e);
    }
  }

  private static String withRootCause(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == failure ? failure.toString() : failure.getMessage() + " (" + root + ")";
  }

  private static void closeQuietly(PluginClassLoader loader, Throwable failure) {
    try {
      loader.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
