package dev.cvos.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key twice in one mapping of cvos.yaml stops the start, naming both lines. */
class DuplicateKeyTest {
  @TempDir
  Path dir;

  @Test
  void aSecondTopLevelSectionNamesBothLines() throws Exception {
    Path yaml = Files.writeString(dir.resolve("cvos.yaml"), """
        storage:
          provider: local
        http:
          port: 8443
        storage:
          provider: flat
        """);

    assertThatThrownBy(() -> ConfigValues.load(yaml, Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .containsExactly(yaml + ": the key storage appears twice, on line 1 and on line 5;"
                + " keep one (YAML would silently use only the last)"));
  }

  @Test
  void aNestedDuplicateIsNamedByItsDottedKey() throws Exception {
    Path yaml = Files.writeString(dir.resolve("cvos.yaml"), """
        storage:
          config:
            root: /a
            fsync: true
            root: /b
        """);

    assertThatThrownBy(() -> ConfigValues.load(yaml, Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .singleElement().asString().contains("the key storage.config.root appears twice, on line 3 and on line 5"));
  }

  @Test
  void theSameNameInDifferentMappingsIsNoDuplicate() throws Exception {
    Path yaml = Files.writeString(dir.resolve("cvos.yaml"), """
        http:
          port: 8443
        metrics:
          port: 9090
        """);

    assertThat(ConfigValues.load(yaml, Map.of()).raw("metrics.port")).isEqualTo("9090");
  }
}
