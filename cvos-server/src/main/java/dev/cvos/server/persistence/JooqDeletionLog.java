package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.DELETION_LOG;
import static dev.cvos.server.persistence.jooq.Tables.DELETION_PROGRESS;
import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;

import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.server.persistence.jooq.tables.records.DeletionLogRecord;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.jooq.impl.DSL;

/**
 * The deletion log in the shared database: {@code deletion_log} holds the records, {@code
 * deletion_progress} how far each server has applied them (a watermark: every id up to it).
 *
 * <p>A watermark is only sound if ids become visible in the order they were assigned; a sequence
 * does not promise that (a later id may commit first, and a reader that marks it applied would
 * skip the earlier one for ever). {@link #record} therefore takes a transaction-scoped advisory
 * lock before it draws its id, so recording deletions is serialised from id assignment to commit.
 * Deletions are rare next to reads, so the lock costs little.
 */
final class JooqDeletionLog implements DeletionLog {
  static final int MAX_BUCKET_LENGTH = 255;
  static final int MAX_KEY_LENGTH = 1024;
  static final int MAX_PAGE = 10_000;
  /** The advisory lock key that orders deletion records ("CVOSDLOG" in ASCII). */
  static final long RECORD_LOCK = 0x4356_4F53_444C_4F47L;
  private static final List<String> STORING_ROLES = Arrays.stream(ServerRole.values())
      .filter(ServerRole::stores)
      .map(ServerRole::name)
      .toList();

  private final Transactions transactions;

  @Inject
  JooqDeletionLog(DSLContext dsl) {
    this.transactions = new Transactions(dsl);
  }

  @Override
  public Deletion record(String bucket, String key, Instant deletedAt, String deletedBy) {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(deletedAt, "deletedAt");
    JooqServerRegistry.checkServerId(deletedBy);
    checkName("bucket", bucket, MAX_BUCKET_LENGTH);
    checkName("key", key, MAX_KEY_LENGTH);
    DeletionLogRecord row = transactions.inTransaction(tx -> insert(tx.dsl(), bucket, key, deletedAt, deletedBy, null));
    return toDeletion(row);
  }

  /**
   * Inserts a record in the caller's transaction, under the advisory lock that orders records (see
   * the class comment); {@code version} is the catalog version of the change, or null.
   */
  static DeletionLogRecord insert(DSLContext dsl, String bucket, String key, Instant at, String by, Long version) {
    dsl.fetch("SELECT pg_advisory_xact_lock(?)", RECORD_LOCK);
    return dsl.insertInto(DELETION_LOG)
        .set(DELETION_LOG.BUCKET, bucket)
        .set(DELETION_LOG.OBJECT_KEY, key)
        .set(DELETION_LOG.DELETED_AT, Timestamps.toDatabase(at))
        .set(DELETION_LOG.DELETED_BY, by)
        .set(DELETION_LOG.VERSION, version)
        .returning()
        .fetchSingle();
  }

  @Override
  public List<Deletion> pendingFor(String serverId, int limit) {
    JooqServerRegistry.checkServerId(serverId);
    if (limit < 1 || limit > MAX_PAGE) {
      throw new IllegalArgumentException(
          "limit is " + limit + "; it must be between 1 and " + MAX_PAGE);
    }
    return transactions.inTransaction(tx -> {
      Field<Long> progress = DSL.select(DELETION_PROGRESS.LAST_APPLIED_ID)
          .from(DELETION_PROGRESS)
          .where(DELETION_PROGRESS.SERVER_ID.eq(serverId))
          .asField();
      Field<Long> applied = DSL.coalesce(progress, DSL.inline(0L));
      return tx.dsl()
          .selectFrom(DELETION_LOG)
          .where(DELETION_LOG.ID.gt(applied))
          .orderBy(DELETION_LOG.ID)
          .limit(limit)
          .fetch(JooqDeletionLog::toDeletion);
    });
  }

  /**
   * {@inheritDoc} The watermark never moves back: marking an older id than the recorded one
   * changes nothing, so concurrent or repeated calls are safe.
   *
   * @throws IllegalStateException when the server is not in the registry
   */
  @Override
  public void markApplied(String serverId, long id) {
    JooqServerRegistry.checkServerId(serverId);
    if (id < 0) {
      throw new IllegalArgumentException("id is " + id + "; deletion ids are not negative");
    }
    try {
      transactions.inTransaction(tx -> tx.dsl()
          .insertInto(DELETION_PROGRESS)
          .set(DELETION_PROGRESS.SERVER_ID, serverId)
          .set(DELETION_PROGRESS.LAST_APPLIED_ID, id)
          .onConflict(DELETION_PROGRESS.SERVER_ID)
          .doUpdate()
          .set(DELETION_PROGRESS.LAST_APPLIED_ID, DSL.greatest(
              DELETION_PROGRESS.LAST_APPLIED_ID, DSL.excluded(DELETION_PROGRESS.LAST_APPLIED_ID)))
          .execute());
    } catch (IntegrityConstraintViolationException e) {
      throw new IllegalStateException("server '" + serverId
          + "' is not in the registry; it must register before it applies deletions", e);
    }
  }

  /**
   * {@inheritDoc} "Every registered storing server" is read from the registry in the same
   * statement: a server whose role stores objects (primary or redundant secondary) and that has
   * applied nothing yet holds every record; so does one that is away, whatever its last heartbeat.
   * With no storing server registered nothing is dropped. Simple secondaries never count.
   */
  @Override
  public int dropFullyApplied() {
    return transactions.inTransaction(tx -> {
      Field<Long> appliedByAll = DSL
          .select(DSL.min(DSL.coalesce(DELETION_PROGRESS.LAST_APPLIED_ID, DSL.inline(0L))))
          .from(SERVER_REGISTRY)
          .leftJoin(DELETION_PROGRESS).on(DELETION_PROGRESS.SERVER_ID.eq(SERVER_REGISTRY.ID))
          .where(SERVER_REGISTRY.ROLE.in(STORING_ROLES))
          .asField();
      return tx.dsl().deleteFrom(DELETION_LOG).where(DELETION_LOG.ID.le(appliedByAll)).execute();
    });
  }

  private static void checkName(String what, String value, int max) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("the " + what + " of a deletion must not be empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException("the " + what + " of a deletion is " + value.length()
          + " characters long; at most " + max + " fit the log");
    }
  }

  private static Deletion toDeletion(DeletionLogRecord row) {
    return new Deletion(row.getId(), row.getBucket(), row.getObjectKey(),
        Timestamps.fromDatabase(row.getDeletedAt()), row.getDeletedBy());
  }
}
