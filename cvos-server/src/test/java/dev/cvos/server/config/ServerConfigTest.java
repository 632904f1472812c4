package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.object.KeyGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
  private static final Path BASE = Path.of("/opt/cvos");

  @Test
  void defaults() throws Exception {
    ConfigValues values = values(Map.of());
    ServerConfig config = new ServerConfig(values, BASE);
    values.finish();
    assertThat(KeyGenerator.SERVER_ID.matcher(config.id()).matches()).isTrue();
    assertThat(config.role()).isEqualTo(ServerRole.PRIMARY);
    assertThat(config.storageMode()).isEqualTo(StorageMode.LOCAL);
    assertThat(config.baseDir()).isEqualTo(BASE);
    assertThat(config.dataDir()).isEqualTo(BASE.resolve("var"));
    assertThat(config.advertisedUrl()).isEmpty();
  }

  @Test
  void explicitMapping() throws Exception {
    ConfigValues values = values(Map.of("server.id", "node-7", "server.role", "redundant-secondary",
        "server.storage-mode", "shared", "server.data-dir", "data", "server.advertised-url", "https://n7.example:9443"));
    ServerConfig config = new ServerConfig(values, BASE);
    values.finish();
    assertThat(config.id()).isEqualTo("node-7");
    assertThat(config.role()).isEqualTo(ServerRole.REDUNDANT_SECONDARY);
    assertThat(config.storageMode()).isEqualTo(StorageMode.SHARED);
    assertThat(config.dataDir()).isEqualTo(BASE.resolve("data"));
    assertThat(config.advertisedUrl()).contains(URI.create("https://n7.example:9443"));
  }

  @Test
  void badIdRoleAndUrlAreReportedWithTheirKeys() {
    ConfigValues values = values(Map.of("server.id", "Node.7", "server.role", "boss", "server.advertised-url", "http://x"));
    new ServerConfig(values, BASE);
    assertProblem(values, "server.id", "a-z, 0-9 and '-'");
    assertProblem(values, "server.role", "primary, redundant-secondary, simple-secondary");
    assertProblem(values, "server.advertised-url", "https URL");
  }
}
