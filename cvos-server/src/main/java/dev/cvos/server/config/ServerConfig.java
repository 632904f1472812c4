package dev.cvos.server.config;

import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.object.KeyGenerator;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Who this server is: {@code server.*}.
 *
 * <ul>
 *   <li>{@code server.id}: unique in the cluster; 1–63 of {@code a-z 0-9 -}. Default: the host
 *       name, lower-cased, other characters as {@code -}.
 *   <li>{@code server.role}: {@code primary} (default), {@code redundant-secondary} or {@code
 *       simple-secondary}.
 *   <li>{@code server.storage-mode}: {@code local} (default) or {@code shared}.
 *   <li>{@code server.data-dir}: where the server keeps its own files (certificate, embedded
 *       database, local objects by default); relative to the base directory. Default {@code var}.
 *   <li>{@code server.advertised-url}: the https URL peers reach this server at. Default {@code
 *       https://<first tls.hostnames entry or localhost>:<https port>}.
 * </ul>
 */
public final class ServerConfig {
  private final String id;
  private final ServerRole role;
  private final StorageMode storageMode;
  private final Path baseDir;
  private final Path dataDir;
  private final URI advertisedUrl;

  public ServerConfig(ConfigValues values, Path baseDir) {
    this.baseDir = baseDir.toAbsolutePath().normalize();
    String configuredId = values.string("server.id", null);
    if (configuredId != null && !KeyGenerator.SERVER_ID.matcher(configuredId).matches()) {
      values.error("server.id", "is '" + configuredId
          + "'; write 1 to 63 characters of a-z, 0-9 and '-', starting with a letter or digit");
      configuredId = null;
    }
    this.id = configuredId != null ? configuredId : defaultId();
    this.role = values.choice("server.role", ServerRole.PRIMARY, ServerRole.class);
    this.storageMode = values.choice("server.storage-mode", StorageMode.LOCAL, StorageMode.class);
    this.dataDir = values.path("server.data-dir", this.baseDir.resolve("var"), this.baseDir);
    String url = values.string("server.advertised-url", null);
    URI parsed = null;
    if (url != null) {
      try {
        parsed = URI.create(url);
        if (!"https".equals(parsed.getScheme()) || parsed.getHost() == null) {
          values.error("server.advertised-url", "is '" + url + "'; write an https URL such as https://cvos-1.example.com:8443");
          parsed = null;
        }
      } catch (IllegalArgumentException e) {
        values.error("server.advertised-url", "is '" + url + "', not a URL; write one such as https://cvos-1.example.com:8443");
      }
    }
    this.advertisedUrl = parsed;
  }

  private static String defaultId() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "cvos";
    }
    String id = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("^-+", "");
    if (id.isEmpty()) {
      id = "cvos";
    }
    return id.length() > 63 ? id.substring(0, 63) : id;
  }

  public String id() {
    return id;
  }

  public ServerRole role() {
    return role;
  }

  public StorageMode storageMode() {
    return storageMode;
  }

  /** The directory relative paths of the configuration are resolved against. */
  public Path baseDir() {
    return baseDir;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The configured advertised URL; empty to derive it from the HTTPS port at start. */
  public Optional<URI> advertisedUrl() {
    return Optional.ofNullable(advertisedUrl);
  }
}
