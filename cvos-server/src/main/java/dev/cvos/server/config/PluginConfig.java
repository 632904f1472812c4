package dev.cvos.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where store plugins are installed: {@code plugin.*}.
 *
 * <ul>
 *   <li>{@code plugin.dir}: the directory holding one sub-directory per plugin ({@code
 *       plugins/<name>/} with the plugin's jar and the jars it depends on); relative to the base
 *       directory. Default {@code plugins}. A missing directory means no plugins.
 * </ul>
 */
public final class PluginConfig {
  private final Path directory;

  public PluginConfig(ConfigValues values, Path baseDir) {
    Objects.requireNonNull(baseDir, "baseDir");
    this.directory = values.path("plugin.dir", baseDir.resolve("plugins"), baseDir);
  }

  /** The plugins directory, absolute. */
  public Path directory() {
    return directory.toAbsolutePath().normalize();
  }
}
