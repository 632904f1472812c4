package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.CATALOG_ENTRY;
import static dev.cvos.server.persistence.jooq.Tables.CATALOG_HOLDER;
import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;

import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.server.persistence.jooq.tables.records.ServerRegistryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Takes a server out of the cluster for good ({@code cvos decommission}): its holdings leave the
 * object catalog, its registry row goes (and with it its deletion-log progress, so no deletion
 * record waits for it any more), and the records every remaining storing server applied are
 * dropped.
 */
public final class ServerRetirement {
  private static final int PAGE = 1000;

  private final DSLContext dsl;
  private final JooqObjectCatalog catalog;

  public ServerRetirement(DatabaseBackup database) {
    this.dsl = Objects.requireNonNull(database, "database").dsl();
    this.catalog = new JooqObjectCatalog(dsl);
  }

  /** When the server last heartbeated; empty when it is not registered. */
  public Optional<Instant> lastSeen(String serverId) {
    ServerRegistryRecord row = dsl.selectFrom(SERVER_REGISTRY).where(SERVER_REGISTRY.ID.eq(serverId)).fetchOne();
    return row == null ? Optional.empty() : Optional.of(Timestamps.fromDatabase(row.getLastSeen()));
  }

  /**
   * The keys whose current version only {@code serverId} holds: they are lost if it never returns.
   * Each as {@code bucket/key}, in (bucket, key) order.
   */
  public List<String> soleHoldings(String serverId) {
    List<String> sole = new ArrayList<>();
    String afterBucket = null;
    String afterKey = null;
    while (true) {
      List<CatalogEntry> page = catalog.heldBy(serverId, afterBucket, afterKey, PAGE);
      for (CatalogEntry entry : page) {
        if (entry.holders().size() == 1) {
          sole.add(entry.metadata().bucket() + "/" + entry.metadata().key());
        }
      }
      if (page.size() < PAGE) {
        return sole;
      }
      CatalogEntry last = page.get(page.size() - 1);
      afterBucket = last.metadata().bucket();
      afterKey = last.metadata().key();
    }
  }

  /**
   * Retires the server: the entries only it held are removed from the catalog (their objects are
   * lost: nothing else holds them), it is removed as a holder everywhere else, its registry row goes.
   *
   * @return how many catalog entries were removed (lost objects)
   */
  public int retire(String serverId) {
    return new Transactions(dsl).inTransaction(tx -> {
      DSLContext d = tx.dsl();
      var soleHeld = d.select(CATALOG_HOLDER.BUCKET, CATALOG_HOLDER.OBJECT_KEY)
          .from(CATALOG_HOLDER)
          .where(CATALOG_HOLDER.HOLDER.eq(serverId))
          .andNotExists(d.selectOne().from(CATALOG_HOLDER.as("other"))
              .where(CATALOG_HOLDER.as("other").BUCKET.eq(CATALOG_HOLDER.BUCKET))
              .and(CATALOG_HOLDER.as("other").OBJECT_KEY.eq(CATALOG_HOLDER.OBJECT_KEY))
              .and(CATALOG_HOLDER.as("other").HOLDER.ne(serverId)));
      int lost = d.deleteFrom(CATALOG_ENTRY)
          .where(org.jooq.impl.DSL.row(CATALOG_ENTRY.BUCKET, CATALOG_ENTRY.OBJECT_KEY).in(soleHeld))
          .execute();
      d.deleteFrom(CATALOG_HOLDER).where(CATALOG_HOLDER.HOLDER.eq(serverId)).execute();
      d.deleteFrom(SERVER_REGISTRY).where(SERVER_REGISTRY.ID.eq(serverId)).execute();
      return lost;
    });
  }

  /** Drops the deletion records every remaining storing server applied; how many. */
  public int dropAppliedDeletions() {
    return new JooqDeletionLog(dsl).dropFullyApplied();
  }
}
