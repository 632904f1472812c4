package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.server.config.ConfigValues;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @TempDir Path base;

  private DatabaseConfig embeddedConfig() {
    return new DatabaseConfig(ConfigValues.of(Map.of(), Map.of()), base);
  }

  @Test
  void embeddedServerMigratesKeepsItsDataAndRefusesASecondOwner() throws Exception {
    ServerRecord server = new ServerRecord("a", URI.create("https://a.example:8443"),
        ServerRole.PRIMARY, StorageMode.LOCAL, "0.1.0", Instant.parse("2026-01-02T03:04:05Z"));
    try (Database database = Database.start(embeddedConfig())) {
      assertThat(database.embedded()).isTrue();
      assertThat(database.check()).isEmpty();
      assertThat(database.displayUrl()).startsWith("jdbc:postgresql://localhost:").contains("/cvos");
      assertThat(appliedMigrations(database)).isEqualTo(MIGRATIONS);
      new JooqServerRegistry(database.dsl()).register(server);

      assertThatThrownBy(() -> Database.start(embeddedConfig()))
          .as("a second server on the same data directory")
          .isInstanceOf(DatabaseException.class)
          .hasMessageContaining("in use")
          .hasMessageContaining(base.resolve("var/db").toString());
      assertThat(database.check()).isEmpty();
    }
    assertThat(base.resolve("var/db/PG_VERSION")).exists();

    try (Database reopened = Database.start(embeddedConfig())) {
      assertThat(appliedMigrations(reopened)).isEqualTo(MIGRATIONS);
      assertThat(new JooqServerRegistry(reopened.dsl()).servers()).containsExactly(server);
    }
  }

  @Test
  void embeddedServerAcceptsOnlyItsGeneratedPasswordKeptOwnerOnly() throws Exception {
    Path passwordFile = base.resolve("var/db/cvos-password");
    try (Database database = Database.start(embeddedConfig())) {
      assertThat(passwordFile).exists();
      assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
      String url = database.displayUrl();
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close())
          .as("the superuser without a password").isInstanceOf(java.sql.SQLException.class);
      assertThatThrownBy(() -> DriverManager.getConnection(url, "postgres", "guess").close())
          .as("the superuser with a wrong password").isInstanceOf(java.sql.SQLException.class);
      try (Connection connection = DriverManager.getConnection(url, "postgres", Files.readString(passwordFile).trim());
          Statement statement = connection.createStatement();
          java.sql.ResultSet listen = statement.executeQuery("SHOW listen_addresses")) {
        assertThat(listen.next()).isTrue();
        assertThat(listen.getString(1)).isIn("localhost", "127.0.0.1");
      }
    }
    String password = Files.readString(passwordFile);
    try (Database reopened = Database.start(embeddedConfig())) {
      assertThat(reopened.check()).isEmpty();
    }
    assertThat(Files.readString(passwordFile)).as("kept across restarts").isEqualTo(password);
  }

  @Test
  void aStatementTheDatabaseDoesNotAnswerFailsWithinTheQueryTimeout() throws Exception {
    TestingDatabase testing = TestingDatabase.create();
    Map<String, String> values = new java.util.HashMap<>(testing.configValues());
    values.put("database.query-timeout", "1s");
    try (Database database = Database.start(new DatabaseConfig(ConfigValues.of(values, Map.of()), Path.of(".")))) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> database.dsl().fetch("SELECT pg_sleep(30)")).isInstanceOf(RuntimeException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }

  /**
   * A stopped database answers nothing at all (no statement_timeout fires): only the socket
   * timeout ends the wait, so every pooled connection must carry it.
   */
  @Test
  void everyPooledConnectionCarriesTheQueryTimeoutAsItsSocketTimeout() throws Exception {
    TestingDatabase testing = TestingDatabase.create();
    Map<String, String> values = new java.util.HashMap<>(testing.configValues());
    values.put("database.query-timeout", "3s");
    try (Database database = Database.start(new DatabaseConfig(ConfigValues.of(values, Map.of()), Path.of(".")))) {
      int networkTimeout = database.dsl().connectionResult(Connection::getNetworkTimeout);
      assertThat(networkTimeout).isEqualTo(3_000);
    }
  }

  @Test
  void migrationsApplyToAnEmptyConfiguredDatabaseOnceOnly() throws Exception {
    TestingDatabase testing = TestingDatabase.create();
    try (Database database = testing.start()) {
      assertThat(database.embedded()).isFalse();
      assertThat(appliedMigrations(database)).isEqualTo(MIGRATIONS);
      assertThat(database.dsl().fetchCount(SERVER_REGISTRY)).isZero();
    }
    try (Database again = testing.start()) {
      assertThat(appliedMigrations(again)).isEqualTo(MIGRATIONS);
    }
  }

  @Test
  void serversStartingTogetherOnOneDatabaseMigrateItOnce() throws Exception {
    TestingDatabase testing = TestingDatabase.create();
    ExecutorService executor = Executors.newFixedThreadPool(3);
    try {
      List<Future<Database>> starts = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        starts.add(executor.submit(testing::start));
      }
      List<Database> started = new ArrayList<>();
      for (Future<Database> start : starts) {
        started.add(start.get(60, TimeUnit.SECONDS));
      }
      for (Database database : started) {
        assertThat(database.check()).isEmpty();
        assertThat(appliedMigrations(database)).isEqualTo(MIGRATIONS);
        database.close();
      }
    } finally {
      executor.shutdownNow();
    }
  }

  @Test
  void aSchemaFlywayDidNotCreateStopsTheStartWithTheReason() throws Exception {
    TestingDatabase testing = TestingDatabase.create();
    try (Connection connection = DriverManager.getConnection(testing.jdbcUrl(), testing.user(), "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE server_registry (id INT)");
    }

    assertThatThrownBy(testing::start)
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("cannot migrate")
        .hasMessageContaining(testing.name());
  }

  @Test
  void checkAfterCloseSaysThePoolIsClosed() throws Exception {
    Database database = TestingDatabase.create().start();
    database.close();

    assertThat(database.check()).hasValueSatisfying(reason -> assertThat(reason).contains("closed"));
  }

  @Test
  void checkGivesAReasonWhenTheDatabaseStops() throws Exception {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder()
        .setDataDirectory(base.resolve("pg"))
        .setCleanDataDirectory(true)
        .start();
    String url = postgres.getJdbcUrl("postgres", "postgres");
    ConfigValues values = ConfigValues.of(Map.of("database.url", url, "database.user", "postgres",
        "database.connect-timeout", "1s"), Map.of());
    try (Database database = Database.start(new DatabaseConfig(values, base))) {
      assertThat(database.check()).isEmpty();

      postgres.close();

      assertThat(database.check()).hasValueSatisfying(reason -> assertThat(reason)
          .contains("does not answer")
          .contains("localhost:" + postgres.getPort()));
    } finally {
      postgres.close();
    }
  }

  @Test
  void startFailsNamingTheUrlWhenNothingListens() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String url = "jdbc:postgresql://localhost:" + port + "/cvos?password=hunter2";
    ConfigValues values = ConfigValues.of(Map.of("database.url", url,
        "database.connect-timeout", "500ms"), Map.of());

    assertThatThrownBy(() -> Database.start(new DatabaseConfig(values, base)))
        .isInstanceOf(DatabaseException.class)
        .hasMessageContaining("cannot connect")
        .hasMessageContaining("localhost:" + port)
        .hasMessageContaining("database.url")
        .hasMessageNotContaining("hunter2");
  }

  /** V1 (registry, deletion log), V2 (published certificates). */
  private static final int MIGRATIONS = 3;

  private static int appliedMigrations(Database database) {
    return database.dsl().fetchSingle(
        "SELECT count(*) FROM flyway_schema_history WHERE success AND version IS NOT NULL")
        .get(0, Integer.class);
  }
}
