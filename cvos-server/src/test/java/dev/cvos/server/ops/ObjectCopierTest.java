package dev.cvos.server.ops;

import static dev.cvos.server.ops.OpsFixture.bytes;
import static dev.cvos.server.ops.OpsFixture.put;
import static dev.cvos.server.ops.OpsFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.UnsupportedStoreOperationException;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The copy rules restore and migration share, over a real local store. */
class ObjectCopierTest {
  @TempDir
  Path temp;

  private final CreationClock clock = new CreationClock(Clock.systemUTC());

  private ObjectStore store() throws Exception {
    return new LocalObjectStoreFactory().create(
        Map.of("root", Files.createDirectories(temp.resolve("objects")).toString(), "fsync", "false"),
        StoreContext.of(clock, "cvos-a-ops"));
  }

  private static ObjectMetadata copyOf(String key, byte[] body, Instant created) {
    return new ObjectMetadata("images", key, body.length, BackupRestoreTest.sha256(body),
        "image/png", created, null);
  }

  @Test
  void aCopyKeepsItsCreationTime() throws Exception {
    try (ObjectStore store = store()) {
      ObjectCopier copier = new ObjectCopier(store, clock);
      Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
      ObjectMetadata copy = copyOf("k", bytes(500, 1), created);

      assertThat(copier.decide(copy)).isEqualTo(ObjectCopier.Decision.CREATE);
      assertThat(copier.write(copy, ObjectCopier.Decision.CREATE, new ByteArrayInputStream(bytes(500, 1))))
          .isEqualTo(ObjectCopier.Written.WRITTEN);

      assertThat(store.stat("images", "k")).contains(copy);
      assertThat(clock.instant()).isAfter(created);
    }
  }

  @Test
  void anObjectARunningServerWritesBetweenTheCheckAndTheWriteIsKept() throws Exception {
    try (ObjectStore store = store()) {
      ObjectCopier copier = new ObjectCopier(store, clock);
      ObjectMetadata copy = copyOf("k", bytes(500, 1), Instant.now().minusSeconds(60));
      ObjectCopier.Decision decision = copier.decide(copy);
      byte[] concurrent = bytes(700, 2);
      put(store, "images", "k", concurrent);

      ObjectCopier.Written written =
          copier.write(copy, decision, new ByteArrayInputStream(bytes(500, 1)));

      assertThat(decision).isEqualTo(ObjectCopier.Decision.CREATE);
      assertThat(written).isEqualTo(ObjectCopier.Written.KEPT_NEWER);
      assertThat(read(store, "images", "k")).isEqualTo(concurrent);
    }
  }

  @Test
  void anExpiredObjectNotYetSweptIsReportedNotMistakenForANewerOne() throws Exception {
    try (ObjectStore store = store()) {
      ObjectCopier copier = new ObjectCopier(store, clock);
      store.put(WriteRequest.of("images", "k").withExpires(Instant.now().plusMillis(100)),
          new ByteArrayInputStream(bytes(10, 3)));
      Thread.sleep(150);
      ObjectMetadata copy = copyOf("k", bytes(500, 1), Instant.now().minusSeconds(60));

      ObjectCopier.Decision decision = copier.decide(copy);
      ObjectCopier.Written written =
          copier.write(copy, decision, new ByteArrayInputStream(bytes(500, 1)));

      assertThat(decision).isEqualTo(ObjectCopier.Decision.CREATE);
      assertThat(written).isEqualTo(ObjectCopier.Written.BLOCKED_BY_EXPIRED);
      assertThat(store.purgeExpired(Instant.now())).isEqualTo(1);
      assertThat(copier.write(copy, copier.decide(copy), new ByteArrayInputStream(bytes(500, 1))))
          .isEqualTo(ObjectCopier.Written.WRITTEN);
    }
  }

  @Test
  void anOlderObjectIsReplacedAndANewerOneKept() throws Exception {
    try (ObjectStore store = store()) {
      ObjectCopier copier = new ObjectCopier(store, clock);
      ObjectMetadata there = put(store, "images", "k", bytes(10, 4));

      assertThat(copier.decide(copyOf("k", bytes(20, 5), there.created().plusMillis(1))))
          .isEqualTo(ObjectCopier.Decision.REPLACE);
      assertThat(copier.decide(copyOf("k", bytes(20, 5), there.created())))
          .isEqualTo(ObjectCopier.Decision.KEPT_NEWER);
      assertThat(copier.decide(copyOf("k", bytes(10, 4), there.created().minusSeconds(5))))
          .isEqualTo(ObjectCopier.Decision.UNCHANGED);
    }
  }

  @Test
  void aTargetWithoutCreateOnlyGetsAPlainWriteThatItAccepts() throws Exception {
    try (ObjectStore local = store()) {
      List<WriteMode> modes = new ArrayList<>();
      ObjectStore withoutCreateOnly = withoutCreateOnly(local, modes);
      ObjectCopier copier = new ObjectCopier(withoutCreateOnly, clock);
      ObjectMetadata copy = copyOf("k", bytes(500, 1), Instant.now().minusSeconds(60));

      ObjectCopier.Decision decision = copier.decide(copy);
      ObjectCopier.Written written =
          copier.write(copy, decision, new ByteArrayInputStream(bytes(500, 1)));

      assertThat(decision).isEqualTo(ObjectCopier.Decision.CREATE);
      assertThat(written).isEqualTo(ObjectCopier.Written.WRITTEN);
      assertThat(modes).containsExactly(WriteMode.OVERWRITE);
      assertThat(local.stat("images", "k")).contains(copy);
    }
  }

  /**
   * The store, declaring no {@link StoreCapability#CREATE_ONLY} and refusing such writes as the SPI
   * says a store without it must; records the mode of every write.
   */
  private static ObjectStore withoutCreateOnly(ObjectStore store, List<WriteMode> modes) {
    return (ObjectStore) Proxy.newProxyInstance(ObjectStore.class.getClassLoader(),
        new Class<?>[] {ObjectStore.class}, (proxy, method, args) -> {
          if (method.getName().equals("capabilities")) {
            return EnumSet.of(StoreCapability.RANGE_READ, StoreCapability.EXPIRY);
          }
          if (method.getName().equals("put")) {
            WriteMode mode = ((WriteRequest) args[0]).mode();
            modes.add(mode);
            if (mode == WriteMode.CREATE_ONLY) {
              throw new UnsupportedStoreOperationException("no create-only writes here");
            }
          }
          try {
            return method.invoke(store, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
