package dev.cvos.server.config;

import dev.cvos.domain.cluster.ServerRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Forwarding client requests to storing servers: what a simple secondary does with every request
 * ({@code proxy.*}), and the primary's placing of POSTs on other storing servers ({@code
 * balance.posts}).
 *
 * <ul>
 *   <li>{@code balance.posts}: place each POST (server-chosen key) on a healthy storing server in
 *       turn, this one included; default true on the primary, false on other roles.
 *   <li>{@code proxy.connect-timeout}: the longest a TCP + TLS connect to a storing server may
 *       take; default {@code 2s}.
 *   <li>{@code proxy.accept-timeout}: the longest a storing server may take to answer a request
 *       without a body, or to ask for the body of one with a body; past it the next storing server
 *       is tried; default {@code 5s}.
 *   <li>{@code proxy.body-idle-timeout}: the longest a forwarded body may stall; default
 *       {@code 60s}.
 *   <li>{@code proxy.max-connections}: pooled connections to one storing server; default 64.
 *   <li>{@code proxy.cooldown}: how long a storing server that failed a forward is skipped while
 *       others are healthy; default {@code 30s}.
 *   <li>{@code proxy.registry-refresh}: how often the list of servers is re-read from the
 *       registry; default {@code 60s}.
 *   <li>{@code proxy.truststore}: a PKCS12 file with the storing servers' certificates (or their
 *       CA); default: the JDK's certificate authorities.
 *   <li>{@code proxy.truststore-password}: its password (secret: never logged).
 * </ul>
 */
public final class ProxyConfig {
  private final boolean balancePosts;
  private final Duration connectTimeout;
  private final Duration acceptTimeout;
  private final Duration bodyIdleTimeout;
  private final int maxConnections;
  private final Duration cooldown;
  private final Duration registryRefresh;
  private final Path truststore;
  private final String truststorePassword;

  public ProxyConfig(ConfigValues values, ServerRole role, Path baseDir) {
    this.balancePosts = values.bool("balance.posts", role == ServerRole.PRIMARY);
    if (balancePosts && !role.stores()) {
      values.error("balance.posts", "is true on a " + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
          + ", which stores nothing; a simple secondary forwards every request, remove the key");
    }
    this.connectTimeout = values.duration("proxy.connect-timeout", Duration.ofSeconds(2), Duration.ofMillis(10),
        Duration.ofMinutes(5));
    this.acceptTimeout = values.duration("proxy.accept-timeout", Duration.ofSeconds(5), Duration.ofMillis(10),
        Duration.ofMinutes(10));
    this.bodyIdleTimeout = values.duration("proxy.body-idle-timeout", Duration.ofSeconds(60), Duration.ofMillis(100),
        Duration.ofHours(1));
    this.maxConnections = values.integer("proxy.max-connections", 64, 1, 10_000);
    this.cooldown = values.duration("proxy.cooldown", Duration.ofSeconds(30), Duration.ofMillis(10), Duration.ofHours(1));
    this.registryRefresh = values.duration("proxy.registry-refresh", Duration.ofSeconds(60), Duration.ofMillis(100),
        Duration.ofHours(1));
    this.truststore = values.path("proxy.truststore", null, baseDir);
    this.truststorePassword = values.string("proxy.truststore-password", null);
    if (truststore != null && truststorePassword == null) {
      values.error("proxy.truststore-password", "is not set; give the password of " + truststore);
    }
  }

  public boolean balancePosts() {
    return balancePosts;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration acceptTimeout() {
    return acceptTimeout;
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

  public Duration registryRefresh() {
    return registryRefresh;
  }

  /** The configured truststore; empty to trust the JDK's certificate authorities. */
  public Optional<Path> truststore() {
    return Optional.ofNullable(truststore);
  }

  public String truststorePassword() {
    return truststorePassword;
  }

  @Override
  public String toString() {
    return "ProxyConfig[balancePosts=" + balancePosts + ", connectTimeout=" + connectTimeout + ", acceptTimeout="
        + acceptTimeout + ", bodyIdleTimeout=" + bodyIdleTimeout + ", maxConnections=" + maxConnections
        + ", cooldown=" + cooldown + ", registryRefresh=" + registryRefresh + ", truststore=" + truststore
        + ", truststorePassword=" + (truststorePassword == null ? "unset" : "***") + "]";
  }
}
