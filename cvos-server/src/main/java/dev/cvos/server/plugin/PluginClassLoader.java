package dev.cvos.server.plugin;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The class loader of one plugin directory, modelled on Trino's {@code PluginClassLoader}.
 *
 * <p>A plugin sees three things, in this order:
 *
 * <ol>
 *   <li>the storage SPI packages ({@link #SPI_PACKAGES}), always from the SPI's own class loader,
 *       so that the server and the plugin agree on {@code ObjectStoreFactory} and friends;
 *   <li>the JDK (the platform class loader is the parent), for every package a JDK module holds;
 *   <li>its own jars, for everything else: a plugin that bundles a library the server also has
 *       (another version of it, or a class with the same name as a server class) gets its own.
 * </ol>
 *
 * Nothing else of the server is visible: not its libraries, not its own classes.
 */
final class PluginClassLoader extends URLClassLoader {
  /** The packages of {@code cvos-storage-spi}; its test kit ({@code .tck}) is not among them. */
  static final Set<String> SPI_PACKAGES = Set.of("dev.cvos.storage.spi", "dev.cvos.storage.spi.format");

  private static final Set<String> JDK_PACKAGES = ModuleLayer.boot().modules().stream()
      .filter(module -> isJdkLoader(module.getClassLoader()))
      .map(Module::getDescriptor)
      .flatMap(descriptor -> descriptor.packages().stream())
      .collect(Collectors.toUnmodifiableSet());

  static {
    ClassLoader.registerAsParallelCapable();
  }

  private final ClassLoader spiClassLoader;

  /**
   * @param name the plugin's name, shown in stack traces and class loader names
   * @param jars the plugin's jars
   * @param spiClassLoader the loader of the SPI classes the server uses
   */
  PluginClassLoader(String name, List<URL> jars, ClassLoader spiClassLoader) {
    super("plugin-" + name, jars.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
    this.spiClassLoader = Objects.requireNonNull(spiClassLoader, "spiClassLoader");
  }

  private static boolean isJdkLoader(ClassLoader loader) {
    return loader == null || loader == ClassLoader.getPlatformClassLoader();
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    String packageName = packageOf(name);
    if (SPI_PACKAGES.contains(packageName)) {
      return spiClassLoader.loadClass(name);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> loaded = findLoadedClass(name);
      if (loaded == null) {
        loaded = JDK_PACKAGES.contains(packageName) ? getParent().loadClass(name) : pluginFirst(name);
      }
      if (resolve) {
        resolveClass(loaded);
      }
      return loaded;
    }
  }

  private Class<?> pluginFirst(String name) throws ClassNotFoundException {
    try {
      return findClass(name);
    } catch (ClassNotFoundException notInPlugin) {
      return getParent().loadClass(name);
    }
  }

  @Override
  public URL getResource(String name) {
    if (isSpiResource(name)) {
      return spiClassLoader.getResource(name);
    }
    URL own = findResource(name);
    return own != null ? own : getParent().getResource(name);
  }

  /**
   * The plugin's own resources, then the JDK's: never the server's, so {@link
   * java.util.ServiceLoader} finds only the plugin's providers.
   */
  @Override
  public Enumeration<URL> getResources(String name) throws IOException {
    if (isSpiResource(name)) {
      return spiClassLoader.getResources(name);
    }
    List<URL> urls = new ArrayList<>(Collections.list(findResources(name)));
    urls.addAll(Collections.list(getParent().getResources(name)));
    return Collections.enumeration(urls);
  }

  private static boolean isSpiResource(String name) {
    int slash = name.lastIndexOf('/');
    return slash > 0 && SPI_PACKAGES.contains(name.substring(0, slash).replace('/', '.'));
  }

  private static String packageOf(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot);
  }
}
