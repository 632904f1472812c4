package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthConfigTest {
  @Test
  void defaultsRequireKeysUnlessDevelopmentMode() {
    ConfigValues values = values(Map.of());
    AuthConfig config = new AuthConfig(values);
    assertThat(config.apiKeys()).isEmpty();
    assertThat(config.developmentMode()).isFalse();
    assertProblem(values, "auth.api-keys", "auth.development-mode: true");
  }

  @Test
  void explicitMappingKeepsKeysOutOfToString() throws Exception {
    ConfigValues values = values(Map.of("auth.api-keys", "key-one-0123456789abcdef,key-two-0123456789abcdef"));
    AuthConfig config = new AuthConfig(values);
    values.finish();
    assertThat(config.apiKeys()).containsExactly("key-one-0123456789abcdef", "key-two-0123456789abcdef");
    assertThat(config.toString()).doesNotContain("key-one");
  }

  @Test
  void developmentModeNeedsNoKeys() throws Exception {
    ConfigValues values = values(Map.of("auth.development-mode", "true"));
    assertThat(new AuthConfig(values).developmentMode()).isTrue();
    values.finish();
  }

  @Test
  void shortKeysAreRefused() {
    ConfigValues values = values(Map.of("auth.api-keys", "short"));
    new AuthConfig(values);
    assertProblem(values, "auth.api-keys", "shorter than 16");
  }
}
