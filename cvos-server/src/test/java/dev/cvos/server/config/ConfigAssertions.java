package dev.cvos.server.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

/** Helpers for the config class tests. */
final class ConfigAssertions {
  private ConfigAssertions() {}

  static ConfigValues values(Map<String, String> map) {
    return ConfigValues.of(map, Map.of());
  }

  /** Asserts that {@code finish()} reports a problem naming {@code key} and containing {@code text}. */
  static void assertProblem(ConfigValues values, String key, String text) {
    assertThatThrownBy(values::finish)
        .isInstanceOfSatisfying(ConfigurationException.class, e -> org.assertj.core.api.Assertions
            .assertThat(e.problems()).anySatisfy(p -> org.assertj.core.api.Assertions.assertThat(p)
                .startsWith(key).contains(text)));
  }
}
