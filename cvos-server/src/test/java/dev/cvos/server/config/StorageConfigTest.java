package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StorageConfigTest {
  private static final Path DATA = Path.of("/var/lib/cvos");

  @Test
  void defaultsToTheLocalStoreUnderTheDataDirectory() throws Exception {
    ConfigValues values = values(Map.of());
    StorageConfig config = new StorageConfig(values, DATA);
    values.finish();
    assertThat(config.provider()).isEqualTo("local");
    assertThat(config.storeConfig()).containsExactly(Map.entry("root", DATA.resolve("objects").toString()));
    assertThat(config.defaultRoot()).contains(DATA.resolve("objects"));
  }

  @Test
  void explicitMappingPassesTheSubtreeWithoutItsPrefix() throws Exception {
    ConfigValues values = values(Map.of("storage.provider", "smb", "storage.config.url", "smb://h/share",
        "storage.config.user", "u"));
    StorageConfig config = new StorageConfig(values, DATA);
    values.finish();
    assertThat(config.provider()).isEqualTo("smb");
    assertThat(config.storeConfig()).containsOnly(Map.entry("url", "smb://h/share"), Map.entry("user", "u"));
    assertThat(config.defaultRoot()).isEmpty();
  }

  @Test
  void aConfiguredLocalRootIsNotCreatedByTheServer() throws Exception {
    ConfigValues values = values(Map.of("storage.config.root", "/mnt/share"));
    StorageConfig config = new StorageConfig(values, DATA);
    values.finish();
    assertThat(config.storeConfig()).containsEntry("root", "/mnt/share");
    assertThat(config.defaultRoot()).isEmpty();
  }
}
