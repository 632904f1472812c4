package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Sequences.OBJECT_VERSION_SEQ;
import static dev.cvos.server.persistence.jooq.Tables.CATALOG_ENTRY;
import static dev.cvos.server.persistence.jooq.Tables.CATALOG_HOLDER;

import dev.cvos.domain.catalog.CatalogDeletion;
import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.domain.catalog.CatalogPage;
import dev.cvos.domain.catalog.CatalogTotals;
import dev.cvos.domain.catalog.CatalogWrite;
import dev.cvos.domain.catalog.ObjectCatalog;
import dev.cvos.server.persistence.jooq.tables.records.CatalogEntryRecord;
import dev.cvos.storage.spi.ObjectMetadata;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.impl.DSL;

/**
 * The object catalog in the shared database: {@code catalog_entry} (one row per live key, its
 * version drawn from {@code object_version_seq}), {@code catalog_holder} (which stores hold that
 * version), and the deletion log for the copies a change leaves behind. Every change is one short
 * transaction that locks the key's row ({@code SELECT … FOR UPDATE}), so concurrent writers of one
 * key are serialised by the database and each gets a greater version than the one before.
 */
final class JooqObjectCatalog implements ObjectCatalog {
  /** A key sorts before this one when it starts with a prefix and the prefix is followed by it. */
  private static final String LAST_CODE_POINT = new String(Character.toChars(Character.MAX_CODE_POINT));

  private final Transactions transactions;
  private final DSLContext plain;

  @Inject
  JooqObjectCatalog(DSLContext dsl) {
    this.transactions = new Transactions(dsl);
    this.plain = dsl;
  }

  @Override
  public Optional<CatalogEntry> find(String bucket, String key) {
    CatalogEntryRecord row = plain.selectFrom(CATALOG_ENTRY).where(keyIs(bucket, key)).fetchOne();
    return row == null ? Optional.empty() : Optional.of(toEntry(row, holders(plain, bucket, key)));
  }

  @Override
  public CatalogWrite commitWrite(ObjectMetadata stored, String holder, boolean createOnly) {
    Objects.requireNonNull(stored, "stored");
    JooqServerRegistry.checkServerId(holder);
    return transactions.inTransaction(tx -> {
      DSLContext dsl = tx.dsl();
      for (int attempt = 0; ; attempt++) {
        CatalogEntryRecord row = dsl.selectFrom(CATALOG_ENTRY).where(keyIs(stored.bucket(), stored.key()))
            .forUpdate().fetchOne();
        Optional<CatalogEntry> existing = row == null ? Optional.empty()
            : Optional.of(toEntry(row, holders(dsl, stored.bucket(), stored.key())));
        if (createOnly && existing.isPresent() && !existing.get().isExpiredAt(stored.created())) {
          return CatalogWrite.conflict(existing.get());
        }
        long version = dsl.nextval(OBJECT_VERSION_SEQ);
        if (row == null) {
          int inserted = dsl.insertInto(CATALOG_ENTRY)
              .set(values(stored, version))
              .onConflictDoNothing()
              .execute();
          if (inserted == 0) {
            if (attempt > 3) {
              throw new IllegalStateException("the catalog entry of " + stored.key() + " keeps changing");
            }
            continue; // another writer inserted it first: lock its row and decide again
          }
        } else {
          dsl.update(CATALOG_ENTRY).set(values(stored, version)).where(keyIs(stored.bucket(), stored.key())).execute();
          dsl.deleteFrom(CATALOG_HOLDER).where(holderKeyIs(stored.bucket(), stored.key())).execute();
        }
        dsl.insertInto(CATALOG_HOLDER)
            .set(CATALOG_HOLDER.BUCKET, stored.bucket())
            .set(CATALOG_HOLDER.OBJECT_KEY, stored.key())
            .set(CATALOG_HOLDER.HOLDER, holder)
            .execute();
        Set<String> superseded = new HashSet<>(existing.map(CatalogEntry::holders).orElse(Set.of()));
        superseded.remove(holder);
        if (!superseded.isEmpty()) {
          JooqDeletionLog.insert(dsl, stored.bucket(), stored.key(), stored.created(), holder, version);
        }
        return new CatalogWrite(version, existing, superseded);
      }
    });
  }

  @Override
  public Optional<CatalogDeletion> delete(String bucket, String key, String deletedBy, Instant deletedAt) {
    JooqServerRegistry.checkServerId(deletedBy);
    return transactions.inTransaction(tx -> {
      DSLContext dsl = tx.dsl();
      CatalogEntryRecord row = dsl.selectFrom(CATALOG_ENTRY).where(keyIs(bucket, key)).forUpdate().fetchOne();
      if (row == null) {
        return Optional.empty();
      }
      CatalogEntry removed = toEntry(row, holders(dsl, bucket, key));
      long version = dsl.nextval(OBJECT_VERSION_SEQ);
      dsl.deleteFrom(CATALOG_ENTRY).where(keyIs(bucket, key)).execute();
      JooqDeletionLog.insert(dsl, bucket, key, deletedAt, deletedBy, version);
      return Optional.of(new CatalogDeletion(removed, version));
    });
  }

  @Override
  public boolean addHolder(String bucket, String key, String sha256, long size, String holder) {
    JooqServerRegistry.checkServerId(holder);
    return transactions.inTransaction(tx -> {
      DSLContext dsl = tx.dsl();
      CatalogEntryRecord row = dsl.selectFrom(CATALOG_ENTRY).where(keyIs(bucket, key)).forShare().fetchOne();
      if (row == null || !row.getSha256().equals(sha256) || row.getSize() != size) {
        return false;
      }
      dsl.insertInto(CATALOG_HOLDER)
          .set(CATALOG_HOLDER.BUCKET, bucket)
          .set(CATALOG_HOLDER.OBJECT_KEY, key)
          .set(CATALOG_HOLDER.HOLDER, holder)
          .onConflictDoNothing()
          .execute();
      return true;
    });
  }

  /**
   * {@inheritDoc} One query reads the page's entries (and whether {@code holder} already holds each);
   * only the differences are written, so a restart over an unchanged store costs one query per page.
   */
  @Override
  public List<ObjectMetadata> reconcile(List<ObjectMetadata> page, String holder) {
    JooqServerRegistry.checkServerId(holder);
    if (page.isEmpty()) {
      return List.of();
    }
    return transactions.inTransaction(tx -> {
      DSLContext dsl = tx.dsl();
      Map<String, Map<String, CatalogEntryRecord>> known = new java.util.HashMap<>();
      Set<String> heldHere = new HashSet<>();
      Map<String, List<String>> byBucket = new java.util.HashMap<>();
      for (ObjectMetadata m : page) {
        byBucket.computeIfAbsent(m.bucket(), b -> new ArrayList<>()).add(m.key());
      }
      for (Map.Entry<String, List<String>> bucket : byBucket.entrySet()) {
        var held = DSL.field(DSL.exists(DSL.selectOne().from(CATALOG_HOLDER)
            .where(CATALOG_HOLDER.BUCKET.eq(CATALOG_ENTRY.BUCKET))
            .and(CATALOG_HOLDER.OBJECT_KEY.eq(CATALOG_ENTRY.OBJECT_KEY))
            .and(CATALOG_HOLDER.HOLDER.eq(holder))));
        for (var row : dsl.select(CATALOG_ENTRY.fields()).select(held).from(CATALOG_ENTRY)
            .where(CATALOG_ENTRY.BUCKET.eq(bucket.getKey())).and(CATALOG_ENTRY.OBJECT_KEY.in(bucket.getValue()))
            .forUpdate().of(CATALOG_ENTRY)
            .fetch()) {
          CatalogEntryRecord entry = row.into(CATALOG_ENTRY);
          known.computeIfAbsent(entry.getBucket(), b -> new java.util.HashMap<>()).put(entry.getObjectKey(), entry);
          if (Boolean.TRUE.equals(row.get(held))) {
            heldHere.add(entry.getBucket() + "/" + entry.getObjectKey());
          }
        }
      }
      List<ObjectMetadata> stale = new ArrayList<>();
      for (ObjectMetadata m : page) {
        CatalogEntryRecord row = known.getOrDefault(m.bucket(), Map.of()).get(m.key());
        if (row == null) {
          int inserted = dsl.insertInto(CATALOG_ENTRY).set(values(m, dsl.nextval(OBJECT_VERSION_SEQ)))
              .onConflictDoNothing().execute();
          if (inserted == 0) {
            continue; // written meanwhile through another server: the next start looks again
          }
        } else if (!row.getSha256().equals(m.sha256()) || row.getSize() != m.size()) {
          stale.add(m);
          continue;
        } else if (heldHere.contains(m.bucket() + "/" + m.key())) {
          continue;
        }
        dsl.insertInto(CATALOG_HOLDER)
            .set(CATALOG_HOLDER.BUCKET, m.bucket())
            .set(CATALOG_HOLDER.OBJECT_KEY, m.key())
            .set(CATALOG_HOLDER.HOLDER, holder)
            .onConflictDoNothing()
            .execute();
      }
      return stale;
    });
  }

  @Override
  public void removeHolder(String bucket, String key, String holder) {
    plain.deleteFrom(CATALOG_HOLDER).where(holderKeyIs(bucket, key)).and(CATALOG_HOLDER.HOLDER.eq(holder)).execute();
  }

  @Override
  public CatalogPage list(String bucket, String prefix, String after, int limit, Instant now) {
    Condition where = CATALOG_ENTRY.BUCKET.eq(bucket)
        .and(CATALOG_ENTRY.EXPIRES.isNull().or(CATALOG_ENTRY.EXPIRES.gt(Timestamps.toDatabase(now))));
    if (prefix != null && !prefix.isEmpty()) {
      // A range the index walks, then the exact test (the range's end is a sound bound but for
      // keys that continue the prefix with the last code point itself).
      where = where.and(CATALOG_ENTRY.OBJECT_KEY.ge(prefix))
          .and(CATALOG_ENTRY.OBJECT_KEY.le(prefix + LAST_CODE_POINT))
          .and(CATALOG_ENTRY.OBJECT_KEY.startsWith(prefix));
    }
    if (after != null) {
      where = where.and(CATALOG_ENTRY.OBJECT_KEY.gt(after));
    }
    List<CatalogEntry> items = plain.selectFrom(CATALOG_ENTRY)
        .where(where)
        .orderBy(CATALOG_ENTRY.OBJECT_KEY)
        .limit(limit + 1)
        .fetch(row -> toEntry(row, Set.of()));
    if (items.size() <= limit) {
      return new CatalogPage(items, null);
    }
    List<CatalogEntry> pageItems = items.subList(0, limit);
    return new CatalogPage(pageItems, pageItems.get(limit - 1).metadata().key());
  }

  @Override
  public List<CatalogEntry> heldBy(String holder, String afterBucket, String afterKey, int limit) {
    Condition where = CATALOG_HOLDER.HOLDER.eq(holder);
    if (afterBucket != null) {
      where = where.and(DSL.row(CATALOG_HOLDER.BUCKET, CATALOG_HOLDER.OBJECT_KEY).gt(afterBucket, afterKey));
    }
    List<CatalogEntryRecord> rows = plain.select(CATALOG_ENTRY.fields())
        .from(CATALOG_HOLDER)
        .join(CATALOG_ENTRY).on(CATALOG_ENTRY.BUCKET.eq(CATALOG_HOLDER.BUCKET)
            .and(CATALOG_ENTRY.OBJECT_KEY.eq(CATALOG_HOLDER.OBJECT_KEY)))
        .where(where)
        .orderBy(CATALOG_HOLDER.BUCKET, CATALOG_HOLDER.OBJECT_KEY)
        .limit(limit)
        .fetchInto(CATALOG_ENTRY);
    List<CatalogEntry> entries = new ArrayList<>();
    for (CatalogEntryRecord row : rows) {
      entries.add(toEntry(row, holders(plain, row.getBucket(), row.getObjectKey())));
    }
    return entries;
  }

  @Override
  public int removeExpired(Instant now, int limit) {
    var expired = DSL.select(CATALOG_ENTRY.BUCKET, CATALOG_ENTRY.OBJECT_KEY)
        .from(CATALOG_ENTRY)
        .where(CATALOG_ENTRY.EXPIRES.le(Timestamps.toDatabase(now)))
        .limit(limit);
    return plain.deleteFrom(CATALOG_ENTRY)
        .where(DSL.row(CATALOG_ENTRY.BUCKET, CATALOG_ENTRY.OBJECT_KEY).in(expired))
        .execute();
  }

  @Override
  public CatalogTotals totals() {
    Record2<Integer, java.math.BigDecimal> totals = plain
        .select(DSL.count(), DSL.sum(CATALOG_ENTRY.SIZE))
        .from(CATALOG_ENTRY)
        .fetchSingle();
    java.math.BigDecimal bytes = totals.value2();
    return new CatalogTotals(totals.value1(), bytes == null ? 0 : bytes.longValue());
  }

  private static Map<org.jooq.Field<?>, Object> values(ObjectMetadata m, long version) {
    Map<org.jooq.Field<?>, Object> values = new java.util.LinkedHashMap<>();
    values.put(CATALOG_ENTRY.BUCKET, m.bucket());
    values.put(CATALOG_ENTRY.OBJECT_KEY, m.key());
    values.put(CATALOG_ENTRY.VERSION, version);
    values.put(CATALOG_ENTRY.SIZE, m.size());
    values.put(CATALOG_ENTRY.SHA256, m.sha256());
    values.put(CATALOG_ENTRY.CONTENT_TYPE, m.contentType());
    values.put(CATALOG_ENTRY.CREATED, Timestamps.toDatabase(m.created()));
    values.put(CATALOG_ENTRY.EXPIRES, m.expires() == null ? null : Timestamps.toDatabase(m.expires()));
    return values;
  }

  private static Condition keyIs(String bucket, String key) {
    return CATALOG_ENTRY.BUCKET.eq(bucket).and(CATALOG_ENTRY.OBJECT_KEY.eq(key));
  }

  private static Condition holderKeyIs(String bucket, String key) {
    return CATALOG_HOLDER.BUCKET.eq(bucket).and(CATALOG_HOLDER.OBJECT_KEY.eq(key));
  }

  private static Set<String> holders(DSLContext dsl, String bucket, String key) {
    return new HashSet<>(dsl.select(CATALOG_HOLDER.HOLDER).from(CATALOG_HOLDER)
        .where(holderKeyIs(bucket, key)).fetch(CATALOG_HOLDER.HOLDER));
  }

  private static ObjectMetadata toMetadata(CatalogEntryRecord row) {
    return new ObjectMetadata(row.getBucket(), row.getObjectKey(), row.getSize(), row.getSha256(),
        row.getContentType(), Timestamps.fromDatabase(row.getCreated()),
        row.getExpires() == null ? null : Timestamps.fromDatabase(row.getExpires()));
  }

  private static CatalogEntry toEntry(CatalogEntryRecord row, Set<String> holders) {
    return new CatalogEntry(toMetadata(row), row.getVersion(), holders);
  }
}
