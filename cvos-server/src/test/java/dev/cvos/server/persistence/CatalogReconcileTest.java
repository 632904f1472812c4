package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.catalog.CatalogEntry;
import dev.cvos.domain.object.CatalogReconcile;
import dev.cvos.domain.object.Catalogued;
import dev.cvos.domain.object.KeyLocks;
import dev.cvos.domain.object.MissedDeletions;
import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An existing store (an upgrade, a restore, a copied folder) reconciled with the real catalog at
 * start, and the deletion log applied by catalog version, on the real local store.
 */
class CatalogReconcileTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  @TempDir
  Path root;

  private JooqObjectCatalog catalog;
  private ObjectStore store;
  private Catalogued here;

  @BeforeEach
  void setUp() throws IOException {
    catalog = new JooqObjectCatalog(database.dsl());
    store = new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"),
        StoreContext.of(Clock.systemUTC(), "c"));
    here = new Catalogued(catalog, "c", new KeyLocks());
  }

  @AfterEach
  void closeStore() throws IOException {
    store.close();
  }

  private ObjectMetadata write(String key, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return store.put(new WriteRequest("photos", key, bytes.length, "text/plain", null, null, WriteMode.OVERWRITE),
        new ByteArrayInputStream(bytes));
  }

  @Test
  void unknownKeysAreCataloguedCopiesOfTheCurrentVersionAddAHolderAndStaleCopiesGo() throws IOException {
    write("unknown", "only here");
    ObjectMetadata copy = write("copied", "same bytes");
    catalog.commitWrite(copy, "a", false);
    write("stale", "old bytes");
    catalog.commitWrite(new ObjectMetadata("photos", "stale", 9, "b".repeat(64), "text/plain", T0, null), "a", false);

    CatalogReconcile.Result result = new CatalogReconcile(store, here).run();

    assertThat(result.seen()).isEqualTo(3);
    assertThat(result.removed()).isEqualTo(1);
    assertThat(catalog.find("photos", "unknown").map(CatalogEntry::holders)).hasValue(Set.of("c"));
    assertThat(catalog.find("photos", "copied").map(CatalogEntry::holders)).hasValue(Set.of("a", "c"));
    assertThat(catalog.find("photos", "stale").map(CatalogEntry::holders)).hasValue(Set.of("a"));
    assertThat(store.stat("photos", "stale")).isEmpty();
    assertThat(store.stat("photos", "unknown")).isPresent();
  }

  @Test
  void aRecordDropsACopyOnlyWhenTheCatalogDoesNotNameItTheCurrentVersionWhateverTheClocksSay()
      throws IOException {
    new JooqServerRegistry(database.dsl()).register(new dev.cvos.domain.cluster.ServerRecord("c",
        java.net.URI.create("https://c:8443"), dev.cvos.domain.cluster.ServerRole.REDUNDANT_SECONDARY,
        dev.cvos.domain.cluster.StorageMode.LOCAL, "0.1.0", T0));
    JooqDeletionLog log = new JooqDeletionLog(database.dsl());
    // Superseded here: written on c, then overwritten on a (whose "created" is ten minutes earlier).
    ObjectMetadata old = write("overwritten", "old on c");
    catalog.commitWrite(old, "c", false);
    catalog.commitWrite(new ObjectMetadata("photos", "overwritten", 5, "d".repeat(64), "text/plain",
        old.created().minus(Duration.ofMinutes(10)), null), "a", false);
    // Deleted, then written again here (with a clock ten minutes behind the deletion's).
    catalog.commitWrite(write("rewritten", "first"), "c", false);
    catalog.delete("photos", "rewritten", "a", Instant.now().plus(Duration.ofMinutes(10)));
    catalog.commitWrite(write("rewritten", "second"), "c", false);
    MissedDeletions missed = new MissedDeletions(store, log, "c", Clock.systemUTC(), Duration.ofSeconds(30),
        Optional.of(here));

    int deleted = missed.applyPending();

    assertThat(deleted).isEqualTo(1);
    assertThat(store.stat("photos", "overwritten")).isEmpty();
    assertThat(store.stat("photos", "rewritten")).isPresent();
  }
}
