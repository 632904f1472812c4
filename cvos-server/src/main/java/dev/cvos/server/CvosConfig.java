package dev.cvos.server;

import dev.cvos.server.config.AuthConfig;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ConfigurationException;
import dev.cvos.server.config.HttpConfig;
import dev.cvos.server.config.MetricsConfig;
import dev.cvos.server.config.PluginConfig;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.config.ProxyConfig;
import dev.cvos.server.config.RegistryConfig;
import dev.cvos.server.config.RelayConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.StorageConfig;
import dev.cvos.server.config.SweepConfig;
import dev.cvos.server.config.TlsConfig;
import dev.cvos.server.persistence.DatabaseConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Every typed configuration of a server, read from one {@link ConfigValues} and validated
 * together: {@link #read} reports all problems at once, and every key nothing read.
 */
public record CvosConfig(
    ServerConfig server,
    HttpConfig http,
    TlsConfig tls,
    AuthConfig auth,
    StorageConfig storage,
    SweepConfig sweep,
    RegistryConfig registry,
    PeerConfig peer,
    RelayConfig relay,
    MetricsConfig metrics,
    DatabaseConfig database,
    PluginConfig plugins,
    ProxyConfig proxy) {

  public CvosConfig {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(storage, "storage");
    Objects.requireNonNull(sweep, "sweep");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(peer, "peer");
    Objects.requireNonNull(relay, "relay");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(database, "database");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(proxy, "proxy");
  }

  /**
   * Reads every config class; relative paths resolve against {@code baseDir}.
   *
   * @throws ConfigurationException with every problem, each naming its key and the fix
   */
  public static CvosConfig read(ConfigValues values, Path baseDir) throws ConfigurationException {
    ServerConfig server = new ServerConfig(values, baseDir);
    CvosConfig config = new CvosConfig(
        server,
        new HttpConfig(values),
        new TlsConfig(values, server.baseDir()),
        new AuthConfig(values),
        new StorageConfig(values, server.dataDir()),
        new SweepConfig(values),
        new RegistryConfig(values),
        new PeerConfig(values, server.role(), server.baseDir()),
        new RelayConfig(values),
        new MetricsConfig(values),
        new DatabaseConfig(values, server.baseDir()),
        new PluginConfig(values, server.baseDir()),
        new ProxyConfig(values, server.role(), server.baseDir()));
    checkRelatedSettings(config, values);
    values.finish();
    return config;
  }

  /**
   * Settings that must agree with each other. A storing server may relay a forwarded request to
   * its peers for up to {@code relay.timeout + relay.margin} before it answers; a simple secondary
   * (or a primary placing a POST) that gave up on it sooner would replay the request on another
   * storing server while the first still relays it.
   */
  private static void checkRelatedSettings(CvosConfig config, ConfigValues values) {
    Duration relayTimeout = config.relay().policy().timeout();
    Duration relayMargin = config.relay().policy().margin();
    Duration relayBound = relayTimeout.plus(relayMargin);
    if (config.proxy().acceptTimeout().compareTo(relayBound) <= 0) {
      values.error("proxy.accept-timeout", "is " + seconds(config.proxy().acceptTimeout())
          + "; make it longer than relay.timeout + relay.margin (" + seconds(relayTimeout) + " + "
          + seconds(relayMargin) + " = " + seconds(relayBound) + "), or shorten those: a storing server "
          + "may relay a forwarded request that long before it answers");
    }
  }

  private static String seconds(Duration duration) {
    return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString() + "s";
  }
}
