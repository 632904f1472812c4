package dev.cvos.server.ops;

import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ConfigurationException;
import dev.cvos.server.CvosConfig;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.server.plugin.PluginLoadingException;
import dev.cvos.server.plugin.StoreProviders;
import dev.cvos.server.persistence.DatabaseException;
import dev.cvos.server.storage.StoreLoader;
import dev.cvos.server.storage.StoreLoadingException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The server a tool works on, as its configuration file describes it: who it is (id, role,
 * storage mode), its store, its database. The tools read the same {@code conf/cvos.yaml} (and the
 * same {@code CVOS_*} environment) as the server, so they see what the server sees.
 */
public final class ServerSetup {
  private final CvosConfig config;
  private final Path configFile;

  private ServerSetup(CvosConfig config, Path configFile) {
    this.config = config;
    this.configFile = configFile;
  }

  /**
   * Reads {@code configFile} (a missing file means every default) with the environment's
   * overrides; relative paths resolve against {@code baseDir}.
   */
  public static ServerSetup read(Path baseDir, Path configFile, Map<String, String> environment)
      throws ConfigurationException {
    CvosConfig config = CvosConfig.read(ConfigValues.load(configFile, environment), baseDir);
    return new ServerSetup(config, configFile);
  }

  /** For tests: a configuration already read. */
  public static ServerSetup of(CvosConfig config, Path configFile) {
    return new ServerSetup(Objects.requireNonNull(config, "config"), configFile);
  }

  public CvosConfig config() {
    return config;
  }

  public Path configFile() {
    return configFile;
  }

  public String serverId() {
    return config.server().id();
  }

  public ServerRole role() {
    return config.server().role();
  }

  public StorageMode storageMode() {
    return config.server().storageMode();
  }

  /**
   * Opens the server's store through the SPI, as the server does, next to a running server. The
   * tool writes under its own id ({@code <server id>-ops}): a store's start-up clean-up of its own
   * temporary files must never touch a running server's uploads.
   */
  public ObjectStore openStore(Clock clock) throws StoreLoadingException, IOException {
    if (config.storage().defaultRoot().isPresent()) {
      Files.createDirectories(config.storage().defaultRoot().get());
    }
    return storeLoader().create(config.storage().provider(),
        config.storage().storeConfig(), StoreContext.of(clock, toolId(serverId())));
  }

  /** The stores this server can open: built in, and the plugins of its plugin directory. */
  public StoreLoader storeLoader() throws StoreLoadingException {
    try {
      return new StoreLoader(StoreProviders.load(config.plugins().directory(), ServerSetup.class.getClassLoader()));
    } catch (PluginLoadingException e) {
      throw new StoreLoadingException(e.getMessage(), e);
    }
  }

  /** The id a tool writes temporary files under. */
  static String toolId(String serverId) {
    String id = serverId.length() > 59 ? serverId.substring(0, 59) : serverId;
    return id + "-ops";
  }

  /** Reaches the server's database (the running embedded one, or the configured one). */
  public DatabaseBackup openDatabase() throws DatabaseException {
    return DatabaseBackup.open(config.database());
  }
}
