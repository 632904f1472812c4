package dev.cvos.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginConfigTest {
  private static final Path BASE = Path.of("/opt/cvos");

  @Test
  void defaultsToPluginsUnderTheBaseDirectory() throws ConfigurationException {
    ConfigValues values = ConfigValues.of(Map.of(), Map.of());
    PluginConfig config = new PluginConfig(values, BASE);
    values.finish();

    assertThat(config.directory()).isEqualTo(Path.of("/opt/cvos/plugins"));
  }

  @Test
  void mapsTheDirectoryRelativeToTheBaseOrAbsolute() throws ConfigurationException {
    ConfigValues relative = ConfigValues.of(Map.of("plugin.dir", "lib/../extensions"), Map.of());
    PluginConfig fromRelative = new PluginConfig(relative, BASE);
    relative.finish();
    ConfigValues absolute = ConfigValues.of(Map.of("plugin.dir", "/srv/cvos-plugins"), Map.of());
    PluginConfig fromAbsolute = new PluginConfig(absolute, BASE);
    absolute.finish();

    assertThat(fromRelative.directory()).isEqualTo(Path.of("/opt/cvos/extensions"));
    assertThat(fromAbsolute.directory()).isEqualTo(Path.of("/srv/cvos-plugins"));
  }

  @Test
  void environmentOverridesTheFile() throws ConfigurationException {
    ConfigValues values = ConfigValues.of(Map.of("plugin.dir", "plugins"), Map.of("CVOS_PLUGIN_DIR", "/mnt/plugins"));
    PluginConfig config = new PluginConfig(values, BASE);
    values.finish();

    assertThat(config.directory()).isEqualTo(Path.of("/mnt/plugins"));
  }
}
