package dev.cvos.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStoreConfigTest {
  @TempDir Path root;

  @Test
  void defaultsAreFsyncOnAndOneHourForTemporaryFiles() {
    LocalStoreConfig config = LocalStoreConfig.from(Map.of("root", root.toString()));
    assertThat(config).isEqualTo(new LocalStoreConfig(root.toAbsolutePath().normalize(), true, Duration.ofHours(1)));
  }

  @Test
  void explicitValuesAreMapped() {
    LocalStoreConfig config =
        LocalStoreConfig.from(Map.of("root", root + "/./", "fsync", "FALSE", "temp-max-age", "90m"));
    assertThat(config).isEqualTo(new LocalStoreConfig(root.toAbsolutePath().normalize(), false, Duration.ofMinutes(90)));
    assertThat(LocalStoreConfig.from(Map.of("root", root.toString(), "temp-max-age", "2d")).temporaryFileMaxAge())
        .isEqualTo(Duration.ofDays(2));
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsKey() {
    assertThatThrownBy(() -> LocalStoreConfig.from(
            Map.of("rot", "/x", "fsync", "yes", "temp-max-age", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.config.rot is not a setting")
        .hasMessageContaining("storage.config.root is required")
        .hasMessageContaining("storage.config.fsync is 'yes'")
        .hasMessageContaining("storage.config.temp-max-age is 'soon'");
  }

  @Test
  void rootMustBeAnExistingDirectory() {
    assertThatThrownBy(() -> LocalStoreConfig.from(Map.of("root", root.resolve("not-mounted").toString())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an existing directory");
  }

  @Test
  void tempMaxAgeBelowOneMinuteIsRefused() {
    assertThatThrownBy(() -> LocalStoreConfig.from(Map.of("root", root.toString(), "temp-max-age", "30s")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1m");
  }

  @Test
  void serviceLoaderFindsTheLocalProviderBuiltForThisSpi() {
    Map<String, ObjectStoreFactory> factories = ServiceLoader.load(ObjectStoreFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .collect(Collectors.toMap(ObjectStoreFactory::name, f -> f));
    assertThat(factories).containsOnlyKeys("local");
    assertThat(factories.get("local").spiMajorVersion()).isEqualTo(SpiVersion.MAJOR);
  }
}
