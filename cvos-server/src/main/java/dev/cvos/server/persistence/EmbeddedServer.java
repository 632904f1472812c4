package dev.cvos.server.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the single-server quick start: a real PostgreSQL 17 from zonky's
 * binaries, started on localhost over a data directory that is kept across restarts (initdb runs
 * only when the directory holds no cluster yet). As root, zonky runs initdb and postgres in a user
 * namespace ({@code unshare}), so no account has to be created first.
 */
final class EmbeddedServer implements AutoCloseable {
  static final String DATABASE = "cvos";
  static final String SUPERUSER = "postgres";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /** Starts the server over {@code dataDirectory} and makes sure the CVOS database exists. */
  static EmbeddedServer start(Path dataDirectory, int port) throws DatabaseException {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
    EmbeddedPostgres postgres;
    try {
      Files.createDirectories(directory);
      StalePostmaster.stopIfRunning(directory);
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", "localhost")
          .start();
    } catch (IOException | RuntimeException e) {
      throw new DatabaseException("cannot start the embedded PostgreSQL over " + directory + ": "
          + e.getMessage() + " (is another CVOS server using database.embedded.data-dir? "
          + "is database.embedded.port free?)", e);
    }
    EmbeddedServer server = new EmbeddedServer(postgres, directory);
    try {
      server.createDatabaseIfMissing();
    } catch (SQLException e) {
      server.close();
      throw new DatabaseException("cannot create the database '" + DATABASE
          + "' in the embedded PostgreSQL over " + directory + ": " + e.getMessage(), e);
    }
    LOG.info("Embedded PostgreSQL {} data directory {} on localhost:{}; it serves this server "
        + "only (a cluster sets database.url to one shared PostgreSQL)",
        fresh ? "initialised a new" : "reopened its", directory, postgres.getPort());
    return server;
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement exists =
            connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  /** The JDBC URL of the CVOS database; it holds no password (the server trusts localhost). */
  String jdbcUrl() {
    return postgres.getJdbcUrl(SUPERUSER, DATABASE);
  }

  int port() {
    return postgres.getPort();
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Stopping the embedded PostgreSQL over {} failed", dataDirectory, e);
    }
  }
}
