package dev.cvos.server.persistence;

import dev.cvos.server.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the database is and how to reach it ({@code database.*} keys).
 *
 * <ul>
 *   <li>{@code database.url}: a {@code jdbc:postgresql://host:port/db} URL; empty or {@code
 *       embedded} (the default) starts the embedded PostgreSQL of the single-server quick start.
 *   <li>{@code database.user}, {@code database.password}: the account on a configured PostgreSQL
 *       (the embedded server uses its own superuser). The password is a secret: never logged.
 *   <li>{@code database.embedded.data-dir}: the embedded server's data directory, kept across
 *       restarts (default {@code <base>/var/db}).
 *   <li>{@code database.embedded.port}: the embedded server's port on localhost; 0 (the default)
 *       picks a free one.
 *   <li>{@code database.pool-size}: the most connections held open (default 10).
 *   <li>{@code database.connect-timeout}: how long to wait for a connection (default 1s).
 *   <li>{@code database.query-timeout}: how long a statement may go without an answer from the
 *       database before it fails (the socket timeout, and the server's {@code statement_timeout});
 *       default 2s. With the connect timeout it bounds how long a request waits on a stalled
 *       database (a failed statement of a transaction may wait once more, for its rollback):
 *       keep {@code connect-timeout + 2 x query-timeout} within {@code relay.timeout +
 *       relay.margin}.
 *       Schema migrations are not bound by it.
 * </ul>
 */
public final class DatabaseConfig {
  static final String EMBEDDED = "embedded";
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)([?&;]password=)[^&;]*");

  private final Optional<String> url;
  private final String user;
  private final String password;
  private final Path embeddedDataDirectory;
  private final int embeddedPort;
  private final int poolSize;
  private final Duration connectTimeout;
  private final Duration queryTimeout;

  /**
   * Reads the {@code database.*} keys; a bad value is recorded in {@code values} and reported by
   * its {@link ConfigValues#finish()}.
   *
   * @param baseDirectory the installation's base directory, for relative paths and defaults
   */
  public DatabaseConfig(ConfigValues values, Path baseDirectory) {
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    this.url = readUrl(values);
    this.user = values.string("database.user", "cvos");
    this.password = Objects.requireNonNullElse(values.raw("database.password"), "");
    this.embeddedDataDirectory =
        values.path("database.embedded.data-dir", baseDirectory.resolve("var/db"), baseDirectory);
    this.embeddedPort = values.integer("database.embedded.port", 0, 0, 65535);
    this.poolSize = values.integer("database.pool-size", 10, 1, 500);
    this.connectTimeout = values.duration("database.connect-timeout",
        Duration.ofSeconds(1), Duration.ofMillis(250), Duration.ofMinutes(5));
    this.queryTimeout = values.duration("database.query-timeout",
        Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofHours(1));
  }

  private static Optional<String> readUrl(ConfigValues values) {
    String value = values.string("database.url", "");
    if (value.isEmpty() || value.toLowerCase(Locale.ROOT).equals(EMBEDDED)) {
      return Optional.empty();
    }
    if (!value.startsWith("jdbc:postgresql:")) {
      values.error("database.url", "is '" + redact(value) + "'; write a PostgreSQL JDBC URL such as "
          + "jdbc:postgresql://db.example.com:5432/cvos, or 'embedded' for the embedded server");
      return Optional.empty();
    }
    return Optional.of(value);
  }

  /** Whether CVOS starts its own embedded PostgreSQL instead of connecting to a configured one. */
  public boolean embedded() {
    return url.isEmpty();
  }

  /** The configured JDBC URL; empty when the embedded server is used. */
  public Optional<String> url() {
    return url;
  }

  public String user() {
    return user;
  }

  /** The password; a secret, never to be logged. */
  public String password() {
    return password;
  }

  public Path embeddedDataDirectory() {
    return embeddedDataDirectory;
  }

  /** The embedded server's port; 0 picks a free one. */
  public int embeddedPort() {
    return embeddedPort;
  }

  public int poolSize() {
    return poolSize;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** The longest a statement waits for the database's answer; whole seconds, at least 1. */
  public Duration queryTimeout() {
    return queryTimeout;
  }

  /** A JDBC URL with any password parameter masked, fit for logs and error messages. */
  static String redact(String jdbcUrl) {
    return PASSWORD_PARAMETER.matcher(jdbcUrl).replaceAll("$1***");
  }

  @Override
  public String toString() {
    return "DatabaseConfig[url=" + url.map(DatabaseConfig::redact).orElse(EMBEDDED)
        + ", user=" + user + ", password=" + (password.isEmpty() ? "(none)" : "***")
        + ", embeddedDataDirectory=" + embeddedDataDirectory + ", embeddedPort=" + embeddedPort
        + ", poolSize=" + poolSize + ", connectTimeout=" + connectTimeout + ", queryTimeout=" + queryTimeout + "]";
  }
}
