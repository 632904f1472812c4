package dev.cvos.server.ops;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The shared location {@code migrate-to-shared} fills: a directory (an NFS or other mount; the
 * {@code local} store) or an SMB share reached directly ({@code smb://host[:port]/share/folder/};
 * the {@code smb} store). {@code options} are further store settings ({@code user}, {@code
 * password}, {@code domain}, {@code guest} for SMB; {@code fsync} for a directory).
 *
 * @param provider the store plugin the servers will use
 * @param config the store's settings ({@code storage.config.*})
 */
public record MigrationTarget(String provider, Map<String, String> config) {
  /** Settings never printed: they stay in the environment or the file the operator writes. */
  private static final java.util.Set<String> SECRETS = java.util.Set.of("password");

  public MigrationTarget {
    Objects.requireNonNull(provider, "provider");
    config = Map.copyOf(config);
  }

  /**
   * Parses {@code --target}.
   *
   * @throws IllegalArgumentException when it is neither an {@code smb://} URL nor a path
   */
  public static MigrationTarget parse(String target, Map<String, String> options) {
    Objects.requireNonNull(target, "target");
    Map<String, String> config = new TreeMap<>(options);
    if (target.toLowerCase(Locale.ROOT).startsWith("smb://")) {
      String url = target.endsWith("/") ? target : target + "/";
      config.put("url", url);
      return new MigrationTarget("smb", config);
    }
    if (target.contains("://")) {
      throw new IllegalArgumentException("--target " + target + " is neither a directory nor an"
          + " smb:// URL; mount the share and give its directory, or write smb://host/share/folder/");
    }
    try {
      config.put("root", Path.of(target).toAbsolutePath().normalize().toString());
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException("--target " + target + " is not a path: " + e.getReason());
    }
    return new MigrationTarget("local", config);
  }

  /**
   * A short id of the location (the first 8 hex digits of the SHA-256 of its provider and URL or
   * root), so that each target gets its own progress journal.
   */
  public String id() {
    String where = provider + " " + config.getOrDefault("url", config.getOrDefault("root", ""));
    byte[] hash = VerifiedCopy.sha256().digest(where.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(hash, 0, 4);
  }

  /** The configuration every storing server needs to use the target, as YAML for cvos.yaml. */
  public String configurationYaml() {
    StringBuilder yaml = new StringBuilder();
    yaml.append("server:\n  storage-mode: shared\n");
    yaml.append("storage:\n  provider: ").append(provider).append('\n');
    yaml.append("  config:\n");
    for (Map.Entry<String, String> setting : new TreeMap<>(config).entrySet()) {
      String value = SECRETS.contains(setting.getKey())
          ? "<the share password (not printed), or drop this line and set CVOS_STORAGE_CONFIG_PASSWORD>"
          : setting.getValue();
      yaml.append("    ").append(setting.getKey()).append(": ").append(value).append('\n');
    }
    return yaml.toString();
  }
}
