package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.DELETION_LOG;
import static dev.cvos.server.persistence.jooq.Tables.DELETION_PROGRESS;
import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database's rows for the operations tools ({@code cvos backup}, {@code cvos restore}):
 * exports every row of the registry and the deletion log, brings registry rows back, and drops the
 * deletion records a restore supersedes.
 *
 * <p>It reaches the database the server uses while the server runs: a configured PostgreSQL
 * directly, and the embedded one through the port its running postmaster wrote in {@code
 * postmaster.pid}. When the server is stopped it starts the embedded PostgreSQL itself.
 */
public final class DatabaseBackup implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseBackup.class);

  private final AutoCloseable resource;
  private final DSLContext dsl;
  private final Transactions transactions;

  private DatabaseBackup(AutoCloseable resource, DSLContext dsl) {
    this.resource = resource;
    this.dsl = dsl;
    this.transactions = new Transactions(dsl);
  }

  /**
   * Connects to the configured database; for the embedded one, to the running server's
   * PostgreSQL if there is one, else starts it.
   *
   * @throws DatabaseException when the database cannot be reached
   */
  public static DatabaseBackup open(DatabaseConfig config) throws DatabaseException {
    Objects.requireNonNull(config, "config");
    if (config.embedded()) {
      Optional<Integer> port = runningEmbeddedPort(config.embeddedDataDirectory());
      if (port.isPresent()) {
        String url = "jdbc:postgresql://localhost:" + port.get() + "/" + EmbeddedServer.DATABASE;
        try {
          Connection connection = DriverManager.getConnection(url, EmbeddedServer.SUPERUSER,
              EmbeddedServer.password(config.embeddedDataDirectory()).orElse(""));
          LOG.info("Using the running server's embedded PostgreSQL on localhost:{}", port.get());
          return new DatabaseBackup(connection, DSL.using(connection, SQLDialect.POSTGRES,
              new Settings().withRenderSchema(false)));
        } catch (SQLException | java.io.IOException e) {
          throw new DatabaseException("cannot connect to the running server's embedded PostgreSQL at "
              + url + ": " + e.getMessage(), e);
        }
      }
    }
    Database database = Database.start(config);
    return new DatabaseBackup(database, database.dsl());
  }

  /** The port of a live postmaster over {@code dataDirectory}, from its {@code postmaster.pid}. */
  static Optional<Integer> runningEmbeddedPort(Path dataDirectory) {
    Path pidFile = dataDirectory.resolve("postmaster.pid");
    try {
      if (!Files.isRegularFile(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
      if (lines.size() < 4) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      if (ProcessHandle.of(pid).filter(ProcessHandle::isAlive).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(Integer.parseInt(lines.get(3).trim()));
    } catch (IOException | NumberFormatException e) {
      LOG.debug("No usable postmaster.pid in {}", dataDirectory, e);
      return Optional.empty();
    }
  }

  /** Every row of the registry, the deletion log and the deletion progress, in one snapshot. */
  public DatabaseContent export() {
    return transactions.inTransaction(tx -> {
      DSLContext d = tx.dsl();
      d.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      List<DatabaseContent.RegistryRow> servers = d.selectFrom(SERVER_REGISTRY)
          .orderBy(SERVER_REGISTRY.ID)
          .fetch(r -> new DatabaseContent.RegistryRow(r.getId(), r.getUrl(), r.getRole(),
              r.getStorageMode(), r.getVersion(), Timestamps.fromDatabase(r.getRegisteredAt()),
              Timestamps.fromDatabase(r.getLastSeen())));
      List<DatabaseContent.DeletionRow> deletions = d.selectFrom(DELETION_LOG)
          .orderBy(DELETION_LOG.ID)
          .fetch(r -> new DatabaseContent.DeletionRow(r.getId(), r.getBucket(), r.getObjectKey(),
              Timestamps.fromDatabase(r.getDeletedAt()), r.getDeletedBy()));
      List<DatabaseContent.ProgressRow> progress = d.selectFrom(DELETION_PROGRESS)
          .orderBy(DELETION_PROGRESS.SERVER_ID)
          .fetch(r -> new DatabaseContent.ProgressRow(r.getServerId(), r.getLastAppliedId()));
      return new DatabaseContent(servers, deletions, progress);
    });
  }

  /**
   * Brings back the registry rows that are missing; a row that exists (the server registered
   * since) is left as it is.
   *
   * @return how many rows were inserted
   */
  public int restoreRegistry(List<DatabaseContent.RegistryRow> rows) {
    return transactions.inTransaction(tx -> {
      int inserted = 0;
      for (DatabaseContent.RegistryRow row : rows) {
        inserted += tx.dsl().insertInto(SERVER_REGISTRY)
            .set(SERVER_REGISTRY.ID, row.id())
            .set(SERVER_REGISTRY.URL, row.url())
            .set(SERVER_REGISTRY.ROLE, row.role())
            .set(SERVER_REGISTRY.STORAGE_MODE, row.storageMode())
            .set(SERVER_REGISTRY.VERSION, row.version())
            .set(SERVER_REGISTRY.REGISTERED_AT, Timestamps.toDatabase(row.registeredAt()))
            .set(SERVER_REGISTRY.LAST_SEEN, Timestamps.toDatabase(row.lastSeen()))
            .onConflictDoNothing()
            .execute();
      }
      return inserted;
    });
  }

  /**
   * Drops the recorded deletions of one object taken at or before {@code upTo}: a restored object
   * must not be deleted again by a server that applies the log later. A deletion after {@code upTo}
   * (taken while the restore ran) stays.
   *
   * @return how many records were dropped
   */
  public int forgetDeletions(String bucket, String key, Instant upTo) {
    return transactions.inTransaction(tx -> tx.dsl().deleteFrom(DELETION_LOG)
        .where(DELETION_LOG.BUCKET.eq(bucket))
        .and(DELETION_LOG.OBJECT_KEY.eq(key))
        .and(DELETION_LOG.DELETED_AT.le(Timestamps.toDatabase(upTo)))
        .execute());
  }

  /**
   * Catalogues an object a restore wrote into {@code holder}'s store as the key's current version
   * (a restore is a write: the copies of older versions elsewhere are superseded).
   *
   * @return the version it took
   */
  public long catalogueRestored(dev.cvos.storage.spi.ObjectMetadata restored, String holder) {
    return new JooqObjectCatalog(dsl).commitWrite(restored, holder, false).version();
  }

  /** The database's jOOQ context, for the other operations of this package. */
  DSLContext dsl() {
    return dsl;
  }

  @Override
  public void close() throws DatabaseException {
    try {
      resource.close();
    } catch (Exception e) {
      throw new DatabaseException("closing the database connection failed: " + e.getMessage(), e);
    }
  }
}
