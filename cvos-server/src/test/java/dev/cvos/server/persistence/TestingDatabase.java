package dev.cvos.server.persistence;

import dev.cvos.server.config.ConfigValues;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL for tests: ONE embedded PostgreSQL 17 per JVM (started on first use on a free
 * localhost port, stopped when the JVM exits, its data in a temporary directory), and a fresh,
 * empty database for each {@link #create()}.
 *
 * <pre>{@code
 * TestingDatabase db = TestingDatabase.create();           // CREATE DATABASE cvos_test_<n>
 * Database database = Database.start(db.config(tempDir));  // the production start: Flyway, pool
 * // several server processes of a cluster test: pass db.jdbcUrl() as database.url to each
 * }</pre>
 *
 * <p>The server trusts localhost, so the URL carries no password; the user is {@link #user()}.
 */
public final class TestingDatabase {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final String name;

  private TestingDatabase(String name) {
    this.name = name;
  }

  /** A new empty database in the JVM's shared embedded PostgreSQL. */
  public static TestingDatabase create() {
    String name = "cvos_test_" + DATABASES.incrementAndGet();
    try (Connection connection = Server.POSTGRES.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database " + name, e);
    }
    return new TestingDatabase(name);
  }

  /** The database's name. */
  public String name() {
    return name;
  }

  /** The JDBC URL of this database; several processes may connect to it at once. */
  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port() + "/" + name;
  }

  /** The user to connect as (the embedded server's superuser; no password). */
  public String user() {
    return EmbeddedServer.SUPERUSER;
  }

  /** The port the shared embedded PostgreSQL listens on (localhost). */
  public static int port() {
    return Server.POSTGRES.getPort();
  }

  /** The configuration keys that point a CVOS server at this database. */
  public Map<String, String> configValues() {
    return Map.of("database.url", jdbcUrl(), "database.user", user(), "database.pool-size", "4");
  }

  /** A {@link DatabaseConfig} for this database ({@code baseDirectory} is for relative paths). */
  public DatabaseConfig config(Path baseDirectory) {
    return new DatabaseConfig(ConfigValues.of(configValues(), Map.of()), baseDirectory);
  }

  /** Starts a {@link Database} on this database the way the server does: migrations, pool. */
  public Database start() throws DatabaseException {
    return Database.start(config(Path.of(".")));
  }

  /** Lazily started once per JVM (the holder idiom); zonky's shutdown hook stops it. */
  private static final class Server {
    static final EmbeddedPostgres POSTGRES = startServer();

    private static EmbeddedPostgres startServer() {
      try {
        Path dataDirectory = Files.createTempDirectory("cvos-test-pg");
        return EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(true)
            .setServerConfig("listen_addresses", "localhost")
            .setServerConfig("fsync", "off")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("full_page_writes", "off")
            .setServerConfig("max_connections", "300")
            .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the embedded PostgreSQL for tests", e);
      }
    }
  }
}
