package dev.cvos.server.persistence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real PostgreSQL ({@link TestingDatabase}: a fresh database per test class) for repository
 * tests, with the cluster tables emptied before each test. Subclasses build their repositories on
 * {@link #database} in a {@code @BeforeEach} of their own, which runs after {@link #emptyTables()}.
 */
abstract class DatabaseTestBase {
  static Database database;

  @BeforeAll
  static void startDatabase() throws DatabaseException {
    database = TestingDatabase.create().start();
  }

  @AfterAll
  static void stopDatabase() {
    database.close();
  }

  @BeforeEach
  void emptyTables() {
    database.dsl().execute("TRUNCATE server_registry, deletion_log, deletion_progress, catalog_entry, catalog_holder");
  }
}
