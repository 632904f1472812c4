package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.catalog.CatalogDeletion;
import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.domain.catalog.CatalogWrite;
import dev.cvos.domain.catalog.CatalogPage;
import dev.cvos.storage.spi.ObjectMetadata;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqObjectCatalogTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private JooqObjectCatalog catalog;
  private JooqDeletionLog log;

  @BeforeEach
  void repositories() {
    catalog = new JooqObjectCatalog(database.dsl());
    log = new JooqDeletionLog(database.dsl());
  }

  private static ObjectMetadata object(String key, char digit) {
    return new ObjectMetadata("images", key, 10, String.valueOf(digit).repeat(64), "image/png", T0, null);
  }

  @Test
  void everyWriteOfAKeyTakesAGreaterVersionAndSupersedesTheOtherHolders() {
    CatalogWrite first = catalog.commitWrite(object("k", 'a'), "a", false);
    CatalogWrite second = catalog.commitWrite(object("k", 'b'), "b", false);

    assertThat(second.version()).isGreaterThan(first.version());
    assertThat(second.supersededHolders()).containsExactly("a");
    CatalogEntry current = catalog.find("images", "k").orElseThrow();
    assertThat(current.version()).isEqualTo(second.version());
    assertThat(current.holders()).containsExactly("b");
    assertThat(current.metadata().sha256()).isEqualTo("b".repeat(64));
    assertThat(log.pendingFor("a", 10)).extracting(d -> d.key()).containsExactly("k");
  }

  @Test
  void ofRacingCreateOnlyWritesExactlyOneWins() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      for (int round = 0; round < 20; round++) {
        String key = "race-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<CatalogWrite>> writes = new ArrayList<>();
        for (String holder : List.of("a", "b", "c")) {
          Callable<CatalogWrite> write = () -> {
            start.await();
            return catalog.commitWrite(object(key, holder.charAt(0)), holder, true);
          };
          writes.add(pool.submit(write));
        }
        start.countDown();
        int winners = 0;
        for (Future<CatalogWrite> write : writes) {
          winners += write.get(30, TimeUnit.SECONDS).lost() ? 0 : 1;
        }
        assertThat(winners).as("round %d", round).isEqualTo(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aCreateOnlyWriteOverAnExpiredEntryWins() {
    catalog.commitWrite(new ObjectMetadata("images", "e", 1, "a".repeat(64), "x/y", T0, T0.plusSeconds(1)), "a", false);

    CatalogWrite write = catalog.commitWrite(
        new ObjectMetadata("images", "e", 1, "b".repeat(64), "x/y", T0.plusSeconds(2), null), "b", true);

    assertThat(write.lost()).isFalse();
  }

  @Test
  void deleteRemovesTheEntryAndRecordsAVersionedTombstone() {
    CatalogWrite write = catalog.commitWrite(object("gone", 'a'), "a", false);

    CatalogDeletion deletion = catalog.delete("images", "gone", "b", T0).orElseThrow();

    assertThat(deletion.version()).isGreaterThan(write.version());
    assertThat(deletion.removed().holders()).containsExactly("a");
    assertThat(catalog.find("images", "gone")).isEmpty();
    assertThat(catalog.delete("images", "gone", "b", T0)).isEmpty();
  }

  @Test
  void listingIsInUtf8ByteOrderWithPrefixAndPages() {
    for (String key : List.of("b", "a/2", "a/1", "\u00e9", "Z", "a/10", "a%_")) {
      catalog.commitWrite(object(key, 'a'), "a", false);
    }

    CatalogPage all = catalog.list("images", "", null, 100, T0);
    assertThat(all.items()).extracting(e -> e.metadata().key())
        .containsExactly("Z", "a%_", "a/1", "a/10", "a/2", "b", "\u00e9");
    CatalogPage page = catalog.list("images", "a/", null, 2, T0);
    assertThat(page.items()).extracting(e -> e.metadata().key()).containsExactly("a/1", "a/10");
    assertThat(page.next()).isEqualTo("a/10");
    assertThat(catalog.list("images", "a/", page.next(), 2, T0).items())
        .extracting(e -> e.metadata().key()).containsExactly("a/2");
    assertThat(catalog.list("images", "a%", null, 10, T0).items())
        .extracting(e -> e.metadata().key()).containsExactly("a%_");
  }

  @Test
  void reconcileCataloguesUnknownKeysAndReportsStaleCopies() {
    catalog.commitWrite(object("known", 'a'), "a", false);
    catalog.commitWrite(object("other", 'a'), "a", false);

    List<ObjectMetadata> stale = catalog.reconcile(
        List.of(object("known", 'a'), object("other", 'b'), object("new", 'c')), "b");

    assertThat(stale).extracting(ObjectMetadata::key).containsExactly("other");
    assertThat(catalog.find("images", "known").orElseThrow().holders()).isEqualTo(Set.of("a", "b"));
    assertThat(catalog.find("images", "new").orElseThrow().holders()).isEqualTo(Set.of("b"));
    assertThat(catalog.heldBy("b", null, null, 10)).extracting(e -> e.metadata().key())
        .containsExactly("known", "new");
  }

  @Test
  void expiredEntriesAreRemovedAndLeftOutOfListings() {
    catalog.commitWrite(new ObjectMetadata("images", "e", 1, "a".repeat(64), "x/y", T0, T0.plusSeconds(1)), "a", false);
    catalog.commitWrite(object("f", 'a'), "a", false);

    assertThat(catalog.list("images", "", null, 10, T0.plusSeconds(1)).items()).hasSize(1);
    assertThat(catalog.removeExpired(T0.plusSeconds(1), 100)).isEqualTo(1);
    assertThat(catalog.totals().objects()).isEqualTo(1);
  }
}
