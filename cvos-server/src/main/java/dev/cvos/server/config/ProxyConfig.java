package dev.cvos.server.config;

import dev.cvos.domain.cluster.ServerRole;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Forwarding client requests to storing servers: what a simple secondary does with every request,
 * and the primary's placing of POSTs on other storing servers. The connection settings and the
 * trust are the peers' ({@code peer.*}, {@link PeerConfig}), the cool-down and the registry
 * interval those of the relay.
 *
 * <ul>
 *   <li>{@code balance.posts}: place each POST (server-chosen key) on a healthy storing server in
 *       turn, this one included; default true on the primary, false on other roles.
 *   <li>{@code proxy.accept-timeout}: the longest a storing server may take to answer a forwarded
 *       request without a body, or to ask for the body of one with a body; past it the next
 *       storing server is tried (the body then has not left this server); default {@code 8s}. It
 *       must be longer than {@code relay.timeout + relay.margin} (checked at start): a storing
 *       server may relay a forwarded request that long.
 * </ul>
 */
public final class ProxyConfig {
  private final boolean balancePosts;
  private final Duration acceptTimeout;

  public ProxyConfig(ConfigValues values, ServerRole role, Path baseDir) {
    this.balancePosts = values.bool("balance.posts", role == ServerRole.PRIMARY);
    if (balancePosts && !role.stores()) {
      values.error("balance.posts", "is true on a " + role.name().toLowerCase(Locale.ROOT).replace('_', '-')
          + ", which stores nothing; a simple secondary forwards every request, remove the key");
    }
    this.acceptTimeout = values.duration("proxy.accept-timeout", Duration.ofSeconds(8), Duration.ofMillis(10),
        Duration.ofMinutes(10));
  }

  public boolean balancePosts() {
    return balancePosts;
  }

  public Duration acceptTimeout() {
    return acceptTimeout;
  }

  @Override
  public String toString() {
    return "ProxyConfig[balancePosts=" + balancePosts + ", acceptTimeout=" + acceptTimeout + "]";
  }
}
