package dev.cvos.server.config;

import java.util.Arrays;
import java.util.List;

/**
 * Client authentication: {@code auth.*}.
 *
 * <ul>
 *   <li>{@code auth.api-keys}: the API keys clients send as {@code Authorization: Bearer <key>}
 *       (a YAML list, or comma-separated in {@code CVOS_AUTH_API_KEYS}); secret: never logged.
 *       Each is at least 16 characters.
 *   <li>{@code auth.development-mode}: serve clients without keys. Only for a developer's
 *       machine: the server says so loudly at start. Default false.
 * </ul>
 *
 * <p>{@code /health/*} and {@code /metrics} are open (for load balancers and Prometheus); every
 * {@code /v1/} path needs a key.
 */
public final class AuthConfig {
  /** The shortest API key accepted. */
  public static final int MIN_KEY_LENGTH = 16;

  private final List<String> apiKeys;
  private final boolean developmentMode;

  public AuthConfig(ConfigValues values) {
    this.apiKeys = Arrays.stream(values.string("auth.api-keys", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    this.developmentMode = values.bool("auth.development-mode", false);
    for (int i = 0; i < apiKeys.size(); i++) {
      if (apiKeys.get(i).length() < MIN_KEY_LENGTH) {
        values.error("auth.api-keys", "entry " + (i + 1) + " is shorter than " + MIN_KEY_LENGTH
            + " characters; use a long random key (for example: openssl rand -hex 24)");
      }
    }
    if (apiKeys.isEmpty() && !developmentMode) {
      values.error("auth.api-keys", "is empty; list at least one client key, or set auth.development-mode: true"
          + " on a developer's machine to serve clients without keys");
    }
  }

  public List<String> apiKeys() {
    return apiKeys;
  }

  public boolean developmentMode() {
    return developmentMode;
  }

  @Override
  public String toString() {
    return "AuthConfig[apiKeys=" + apiKeys.size() + " configured, developmentMode=" + developmentMode + "]";
  }
}
