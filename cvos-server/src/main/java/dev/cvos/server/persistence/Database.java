package dev.cvos.server.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's database: the embedded PostgreSQL of the quick start or a configured one, its
 * schema brought up to date by the Flyway migrations, a bounded connection pool, and the one jOOQ
 * {@link DSLContext} every repository shares (package-private: jOOQ stays in this package).
 *
 * <p>Start it with {@link #start(DatabaseConfig)} and close it at shutdown: that closes the pool
 * and stops the embedded server (its data directory is kept).
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  private static final String MIGRATIONS = "classpath:db/migration";

  private final EmbeddedServer embedded;
  private final HikariDataSource pool;
  private final DSLContext dsl;
  private final String displayUrl;
  private final Duration checkTimeout;

  private Database(EmbeddedServer embedded, HikariDataSource pool, String displayUrl,
      Duration checkTimeout) {
    this.embedded = embedded;
    this.pool = pool;
    this.displayUrl = displayUrl;
    this.checkTimeout = checkTimeout;
    this.dsl = DSL.using(new DefaultConfiguration()
        .set(pool)
        .set(SQLDialect.POSTGRES)
        .set(new Settings().withRenderSchema(false)));
  }

  /**
   * Starts the embedded PostgreSQL when configured (or connects to the configured one), applies
   * the migrations that are not applied yet, and opens the connection pool.
   *
   * @throws DatabaseException naming what failed (start, connect or migrate) and the URL
   */
  public static Database start(DatabaseConfig config) throws DatabaseException {
    Objects.requireNonNull(config, "config");
    quietJooq();
    EmbeddedServer embedded = null;
    String url;
    String user;
    String password;
    if (config.embedded()) {
      embedded = EmbeddedServer.start(config.embeddedDataDirectory(), config.embeddedPort());
      url = embedded.jdbcUrl();
      user = EmbeddedServer.SUPERUSER;
      password = embedded.password();
    } else {
      url = config.url().orElseThrow();
      user = config.user();
      password = config.password();
    }
    String displayUrl = DatabaseConfig.redact(url);
    HikariDataSource pool = null;
    try {
      pool = openPool(config, url, user, password, displayUrl);
      migrate(config, url, user, password, displayUrl);
      Database database = new Database(embedded, pool, displayUrl, config.connectTimeout());
      LOG.info("Database ready at {} as user {} (pool of at most {} connections)",
          displayUrl, user, config.poolSize());
      return database;
    } catch (DatabaseException | RuntimeException e) {
      if (pool != null) {
        pool.close();
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  private static HikariDataSource openPool(DatabaseConfig config, String url, String user,
      String password, String displayUrl) throws DatabaseException {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("cvos-db");
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    hikari.setMaximumPoolSize(config.poolSize());
    hikari.setMinimumIdle(Math.min(2, config.poolSize()));
    hikari.setConnectionTimeout(config.connectTimeout().toMillis());
    // A pooled connection is checked before use; on a stalled database that check is what a
    // request waits on first, so it is kept short.
    hikari.setValidationTimeout(Math.max(250, Math.min(config.connectTimeout().toMillis() / 2, 1_000)));
    hikari.setInitializationFailTimeout(config.connectTimeout().toMillis());
    // Driver properties as text: HikariCP 7 hands them to the driver as they are, and PgJDBC reads
    // only String values (a Long is silently ignored, and with it every timeout below).
    driverProperty(hikari, "connectTimeout", Math.max(1, config.connectTimeout().toSeconds()));
    driverProperty(hikari, "loginTimeout", Math.max(1, config.connectTimeout().toSeconds()));
    hikari.addDataSourceProperty("ApplicationName", "cvos");
    // A stalled database (a stopped process, a lost network) must not hang the requests that need
    // it: a read that gets no answer within the query timeout fails (the socket timeout), and a
    // statement the database runs that long is cancelled by it (statement_timeout).
    long querySeconds = Math.max(1, config.queryTimeout().toSeconds());
    driverProperty(hikari, "socketTimeout", querySeconds);
    driverProperty(hikari, "cancelSignalTimeout", Math.max(1, config.connectTimeout().toSeconds()));
    hikari.addDataSourceProperty("options", "-c statement_timeout=" + config.queryTimeout().toMillis());
    try {
      return new HikariDataSource(hikari);
    } catch (HikariPool.PoolInitializationException e) {
      throw new DatabaseException("cannot connect to the database at " + displayUrl + " as user "
          + user + ": " + rootMessage(e)
          + " (check database.url, database.user and database.password)", e);
    }
  }

  /**
   * Sets a numeric PgJDBC property as the text the driver reads: HikariCP passes the properties on
   * unchanged and PgJDBC ignores a value that is not a String, so a number given as such would
   * leave the connection without that timeout (a stalled database would then hang it forever).
   */
  private static void driverProperty(HikariConfig hikari, String name, long value) {
    hikari.addDataSourceProperty(name, Long.toString(value));
  }

  /**
   * Applies the migrations over a connection of their own, without the pool's query timeout: a
   * migration may rightly run longer than any request's statement.
   */
  private static void migrate(DatabaseConfig config, String url, String user, String password,
      String displayUrl) throws DatabaseException {
    HikariConfig hikari = new HikariConfig();
    hikari.setPoolName("cvos-db-migrations");
    hikari.setJdbcUrl(url);
    hikari.setUsername(user);
    hikari.setPassword(password);
    // Flyway holds one connection for its lock and migrates over another.
    hikari.setMaximumPoolSize(3);
    hikari.setMinimumIdle(0);
    hikari.setConnectionTimeout(config.connectTimeout().toMillis());
    hikari.setInitializationFailTimeout(-1);
    driverProperty(hikari, "connectTimeout", Math.max(1, config.connectTimeout().toSeconds()));
    hikari.addDataSourceProperty("ApplicationName", "cvos-migrations");
    try (HikariDataSource migrations = new HikariDataSource(hikari)) {
      migrate(migrations, displayUrl);
    }
  }

  private static void migrate(HikariDataSource pool, String displayUrl) throws DatabaseException {
    try {
      MigrateResult result = Flyway.configure()
          .dataSource(pool)
          .locations(MIGRATIONS)
          .failOnMissingLocations(true)
          .load()
          .migrate();
      LOG.info("Database schema at version {} ({} migration(s) applied now)",
          result.targetSchemaVersion == null ? result.initialSchemaVersion
              : result.targetSchemaVersion,
          result.migrationsExecuted);
    } catch (FlywayException e) {
      throw new DatabaseException("cannot migrate the database schema at " + displayUrl + ": "
          + rootMessage(e), e);
    }
  }

  /** jOOQ prints a banner and tips on first use unless told not to; a server log wants neither. */
  private static void quietJooq() {
    if (System.getProperty("org.jooq.no-logo") == null) {
      System.setProperty("org.jooq.no-logo", "true");
    }
    if (System.getProperty("org.jooq.no-tips") == null) {
      System.setProperty("org.jooq.no-tips", "true");
    }
  }

  /** The shared jOOQ context; never reconfigured after start. */
  DSLContext dsl() {
    return dsl;
  }

  /** The JDBC URL the pool connects to, with any password masked. */
  public String displayUrl() {
    return displayUrl;
  }

  /** Whether this is the embedded PostgreSQL of the quick start. */
  public boolean embedded() {
    return embedded != null;
  }

  /**
   * Readiness: runs a trivial query within the connect timeout.
   *
   * @return empty when the database answers, else why it does not
   */
  public Optional<String> check() {
    if (pool.isClosed()) {
      return Optional.of("the database connection pool is closed");
    }
    try {
      dsl.selectOne().queryTimeout((int) Math.max(1, checkTimeout.toSeconds())).fetch();
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of("the database at " + displayUrl + " does not answer: " + rootMessage(e));
    }
  }

  /** Closes the pool, then stops the embedded server if there is one; its data is kept. */
  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }

  static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return root == e ? message : message + " (" + e.getClass().getSimpleName() + ")";
  }

  @Override
  public String toString() {
    return "Database[" + displayUrl + (embedded != null ? ", embedded" : "") + "]";
  }
}
