package dev.cvos.server.persistence;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of the single-server quick start: a real PostgreSQL 17 from zonky's
 * binaries, started on localhost over a data directory that is kept across restarts (initdb runs
 * only when the directory holds no cluster yet). As root, zonky runs initdb and postgres in a user
 * namespace ({@code unshare}), so no account has to be created first.
 *
 * <p>It listens on the loopback interface only and authenticates every connection, local ones
 * included, with a password ({@code scram-sha-256}): at first start a random password is generated
 * for its superuser and kept owner-only ({@code 0600}) in the data directory ({@value
 * #PASSWORD_FILE}); a data directory from before that (which trusted localhost) gets one the same
 * way at its next start.
 */
final class EmbeddedServer implements AutoCloseable {
  static final String DATABASE = "cvos";
  static final String SUPERUSER = "postgres";
  static final String PASSWORD_FILE = "cvos-password";
  private static final String HBA =
      "# written by CVOS: every connection authenticates with the password in " + PASSWORD_FILE + "\n"
          + "local all all scram-sha-256\n"
          + "host all all 127.0.0.1/32 scram-sha-256\n"
          + "host all all ::1/128 scram-sha-256\n";
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;
  private final String password;

  private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory, String password) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.password = password;
  }

  /** Starts the server over {@code dataDirectory} and makes sure the CVOS database exists. */
  static EmbeddedServer start(Path dataDirectory, int port) throws DatabaseException {
    Path directory = dataDirectory.toAbsolutePath().normalize();
    boolean fresh = !Files.exists(directory.resolve("PG_VERSION"));
    EmbeddedPostgres postgres;
    Optional<String> kept;
    try {
      Files.createDirectories(directory);
      StalePostmaster.stopIfRunning(directory);
      kept = password(directory);
      EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
          .setDataDirectory(directory)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("listen_addresses", "localhost");
      // zonky checks the server is up by connecting as the superuser: with the password once set
      kept.ifPresent(p -> builder.setConnectConfig("password", p));
      postgres = builder.start();
    } catch (IOException | RuntimeException e) {
      throw new DatabaseException("cannot start the embedded PostgreSQL over " + directory + ": "
          + e.getMessage() + " (is another CVOS server using database.embedded.data-dir? "
          + "is database.embedded.port free?)", e);
    }
    EmbeddedServer server;
    try {
      server = new EmbeddedServer(postgres, directory, kept.isPresent() ? kept.get() : protect(postgres, directory));
    } catch (IOException | SQLException | RuntimeException e) {
      close(postgres, directory);
      throw new DatabaseException("cannot set the password of the embedded PostgreSQL over " + directory + ": "
          + e.getMessage(), e);
    }
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

  /**
   * Gives the superuser a generated password, keeps it owner-only in the data directory, and makes
   * PostgreSQL ask every connection for it. Runs over the connection zonky's trust setup allows,
   * right after a first start (or the first start of a data directory from before passwords).
   */
  private static String protect(EmbeddedPostgres postgres, Path directory) throws IOException, SQLException {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String password = HexFormat.of().formatHex(random);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SET password_encryption = 'scram-sha-256'");
      statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
      Path file = directory.resolve(PASSWORD_FILE);
      Path partial = directory.resolve(PASSWORD_FILE + ".partial");
      Files.deleteIfExists(partial);
      Files.writeString(Files.createFile(partial, ownerOnly()), password + "\n", StandardCharsets.US_ASCII);
      Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(directory.resolve("pg_hba.conf"), HBA, StandardCharsets.US_ASCII);
      statement.execute("SELECT pg_reload_conf()");
    }
    LOG.info("Generated the embedded PostgreSQL's password, kept owner-only in {}", directory.resolve(PASSWORD_FILE));
    return password;
  }

  private static FileAttribute<?>[] ownerOnly() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
  }

  /** The superuser's password kept in {@code dataDirectory}; empty before it was generated. */
  static Optional<String> password(Path dataDirectory) throws IOException {
    Path file = dataDirectory.resolve(PASSWORD_FILE);
    return Files.isRegularFile(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim())
        : Optional.empty();
  }

  private static void close(EmbeddedPostgres postgres, Path directory) {
    try {
      postgres.close();
    } catch (IOException e) {
      LOG.warn("Stopping the embedded PostgreSQL over {} failed", directory, e);
    }
  }

  private void createDatabaseIfMissing() throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase(Map.of("password", password)).getConnection();
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

  /** The JDBC URL of the CVOS database; it holds no password (see {@link #password()}). */
  String jdbcUrl() {
    return postgres.getJdbcUrl(SUPERUSER, DATABASE);
  }

  /** The superuser's password. A secret: never logged. */
  String password() {
    return password;
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
