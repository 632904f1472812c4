package dev.cvos.server.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where objects are kept: {@code storage.*}.
 *
 * <ul>
 *   <li>{@code storage.provider}: the name of the store plugin; default {@code local} (a
 *       directory: a local disk or an NFS mount).
 *   <li>{@code storage.config.*}: the store's own settings, handed to it with the prefix removed.
 *       For {@code local}: {@code storage.config.root}, the directory; default {@code
 *       <data-dir>/objects}.
 * </ul>
 */
public final class StorageConfig {
  private final String provider;
  private final Map<String, String> storeConfig;
  private final Path defaultRoot;

  public StorageConfig(ConfigValues values, Path dataDir) {
    this.provider = values.string("storage.provider", "local");
    if (!provider.matches("[a-z0-9-]+")) {
      values.error("storage.provider", "is '" + provider + "'; write a plugin name such as local or smb");
    }
    Map<String, String> config = new TreeMap<>(values.subtree("storage.config"));
    if (provider.equals("local") && !config.containsKey("root")) {
      this.defaultRoot = dataDir.resolve("objects");
      config.put("root", defaultRoot.toString());
    } else {
      this.defaultRoot = null;
    }
    this.storeConfig = Map.copyOf(config);
  }

  public String provider() {
    return provider;
  }

  /**
   * The directory the server chose as the local store's root because none was configured; the
   * server creates it. Empty when the root is configured (then it must exist, so that an unmounted
   * share is noticed) or the store is not {@code local}.
   */
  public java.util.Optional<Path> defaultRoot() {
    return java.util.Optional.ofNullable(defaultRoot);
  }

  /** The store's settings, without the {@code storage.config.} prefix. */
  public Map<String, String> storeConfig() {
    return storeConfig;
  }
}
