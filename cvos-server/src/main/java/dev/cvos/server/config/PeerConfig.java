package dev.cvos.server.config;

import dev.cvos.domain.cluster.ServerRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How this server talks to its peers: {@code peer.*}.
 *
 * <ul>
 *   <li>{@code peer.key}: the cluster secret, the same on every server; peers send it on every
 *       relayed request and a relayed request without it is refused with 403. Secret: never
 *       logged. At least 16 characters. Required for a redundant secondary (a storing server of a
 *       cluster); a primary without it serves alone and never relays; a simple secondary forwards
 *       client requests and does not need it.
 *   <li>{@code peer.truststore}, {@code peer.truststore-password} (secret): an optional PKCS12
 *       file with more certificates (or a CA) to trust for peers, on top of the certificates the
 *       servers publish in the registry.
 *   <li>{@code peer.connect-timeout} (2s), {@code peer.body-idle-timeout} (30s), {@code
 *       peer.max-connections} (16 per peer), {@code peer.cooldown} (30s: how long a peer that
 *       failed or timed out is asked after the others).
 * </ul>
 */
public final class PeerConfig {
  /** The shortest peer key accepted. */
  public static final int MIN_KEY_LENGTH = 16;

  private final String key;
  private final Path truststore;
  private final String truststorePassword;
  private final Duration connectTimeout;
  private final Duration bodyIdleTimeout;
  private final int maxConnections;
  private final Duration cooldown;

  public PeerConfig(ConfigValues values, ServerRole role, Path baseDir) {
    String configuredKey = values.string("peer.key", null);
    if (configuredKey != null && configuredKey.isBlank()) {
      configuredKey = null;
    }
    if (configuredKey != null && configuredKey.trim().length() < MIN_KEY_LENGTH) {
      values.error("peer.key", "is shorter than " + MIN_KEY_LENGTH
          + " characters; use a long random secret, the same on every server (for example: openssl rand -hex 24)");
    }
    if (configuredKey == null && role == ServerRole.REDUNDANT_SECONDARY) {
      values.error("peer.key", "is missing; a redundant-secondary works in a cluster, and its servers authenticate each other with this shared secret: set the same"
          + " long random peer.key on every server");
    }
    this.key = configuredKey == null ? null : configuredKey.trim();
    this.truststore = values.path("peer.truststore", null, baseDir);
    this.truststorePassword = values.string("peer.truststore-password", "");
    this.connectTimeout = values.duration("peer.connect-timeout", Duration.ofSeconds(2),
        Duration.ofMillis(10), Duration.ofMinutes(5));
    this.bodyIdleTimeout = values.duration("peer.body-idle-timeout", Duration.ofSeconds(30),
        Duration.ofMillis(100), Duration.ofHours(1));
    this.maxConnections = values.integer("peer.max-connections", 16, 1, 1024);
    this.cooldown = values.duration("peer.cooldown", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofDays(1));
  }

  /** The cluster secret; empty when this primary serves alone. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  public Optional<Path> truststore() {
    return Optional.ofNullable(truststore);
  }

  public String truststorePassword() {
    return truststorePassword;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration bodyIdleTimeout() {
    return bodyIdleTimeout;
  }

  public int maxConnections() {
    return maxConnections;
  }

  public Duration cooldown() {
    return cooldown;
  }

  /** Never prints the secrets. */
  @Override
  public String toString() {
    return "PeerConfig[key=" + (key == null ? "none" : "***") + ", truststore=" + truststore
        + ", connectTimeout=" + connectTimeout + ", bodyIdleTimeout=" + bodyIdleTimeout
        + ", maxConnections=" + maxConnections + ", cooldown=" + cooldown + "]";
  }
}
