package dev.cvos.server.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.ServerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real main refuses a bad configuration file before it starts anything, naming each key and the fix. */
class BadConfigurationProcessTest {
  @TempDir
  Path base;

  @Test
  void badKeysStopTheStartWithEveryProblemNamedAndExitCode2() throws Exception {
    Path config = base.resolve("cvos.yaml");
    Files.writeString(config, String.join("\n",
        "http:",
        "  https-prot: 8443",
        "  max-object-size: enormous",
        "server:",
        "  role: boss",
        ""), StandardCharsets.UTF_8);
    try (ServerProcess server = ServerProcess.start(base, config, List.of("-Xmx64m"))) {
      assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(server.output())
          .contains("CVOS cannot start")
          .contains("http.https-prot").contains("did you mean http.https-port?")
          .contains("http.max-object-size").contains("write a size such as")
          .contains("server.role").contains("write one of primary, redundant-secondary, simple-secondary")
          .contains("auth.api-keys").contains("auth.development-mode: true")
          .doesNotContain("serving HTTPS");
    }
    assertThat(base.resolve("var/db")).doesNotExist();
  }

  @Test
  void unreadableYamlIsReportedWithTheFile() throws Exception {
    Path config = base.resolve("cvos.yaml");
    Files.writeString(config, "http: [unclosed\n", StandardCharsets.UTF_8);
    try (ServerProcess server = ServerProcess.start(base, config, List.of("-Xmx64m"))) {
      assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(server.output()).contains(config.toString()).contains("cannot be read as YAML");
    }
  }
}
