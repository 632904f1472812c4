package dev.cvos.example.store;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import dev.cvos.storage.spi.StoreContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The entry point of the example plugin: the provider {@code flat}, registered in {@code
 * META-INF/services/dev.cvos.storage.spi.ObjectStoreFactory}.
 *
 * <p>Configuration (the server's {@code storage.config.*} keys, without the prefix):
 *
 * <ul>
 *   <li>{@code root}: an existing directory that holds the objects; required.
 *   <li>{@code fsync}: {@code true} (default) forces every object and directory change to disk
 *       before a write returns; {@code false} only for tests and throw-away data.
 * </ul>
 */
public final class FlatFileStoreFactory implements ObjectStoreFactory {
  /** The provider name: {@code storage.provider: flat}. */
  public static final String NAME = "flat";

  private static final Set<String> KEYS = Set.of("root", "fsync");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int spiMajorVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public ObjectStore create(Map<String, String> config, StoreContext context) {
    Set<String> unknown = new TreeSet<>(config.keySet());
    unknown.removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("storage.config." + unknown.iterator().next()
          + " is not a setting of the flat store; it reads storage.config.root and storage.config.fsync");
    }
    String rootValue = config.get("root");
    if (rootValue == null || rootValue.isBlank()) {
      throw new IllegalArgumentException("storage.config.root is missing: set it to the directory that holds the objects");
    }
    Path root;
    try {
      root = Path.of(rootValue).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("storage.config.root is '" + rootValue + "', not a path", e);
    }
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("storage.config.root is " + root
          + ", which is not a directory; create it (or mount the share) first");
    }
    String fsync = config.getOrDefault("fsync", "true").trim();
    if (!fsync.equals("true") && !fsync.equals("false")) {
      throw new IllegalArgumentException("storage.config.fsync is '" + fsync + "'; write true or false");
    }
    try {
      return FlatFileStore.open(root, Boolean.parseBoolean(fsync), context);
    } catch (IOException e) {
      throw new IllegalArgumentException("storage.config.root " + root + " cannot be prepared: " + e.getMessage(), e);
    }
  }
}
