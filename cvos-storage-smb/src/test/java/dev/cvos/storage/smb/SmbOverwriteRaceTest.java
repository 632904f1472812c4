package dev.cvos.storage.smb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Samba can answer "not found" to an open that races a rename replacing the file; the store must
 * not pass that on, since the key never stopped existing. Without the store's retry this failed
 * about one read in 4000 here.
 */
class SmbOverwriteRaceTest {
  @RegisterExtension static final TestingSmbServer SMB = new TestingSmbServer();

  private static final int SIZE = 16 * 1024;
  private static final int OVERWRITES = 1000;
  private static final int READERS = 8;

  @Test
  void readersRacingManyOverwritesAlwaysFindTheObjectWhole() throws Exception {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Set<String> versions = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(READERS);
    AtomicBoolean writing = new AtomicBoolean(true);
    try (ObjectStore store = new SmbObjectStoreFactory().create(
        Map.of("url", url, "user", SMB.user(), "password", SMB.password()),
        StoreContext.of(Clock.systemUTC(), "race-test"))) {
      versions.add(store.put(WriteRequest.of("b", "hot"), SeededBytes.stream(SIZE, -1)).sha256());
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < READERS; r++) {
        readers.add(pool.submit(() -> readUntilDone(store, writing, versions)));
      }
      try {
        for (int i = 0; i < OVERWRITES; i++) {
          byte[] body = SeededBytes.of(SIZE, i);
          versions.add(SeededBytes.sha256(body));
          store.put(WriteRequest.of("b", "hot"), new java.io.ByteArrayInputStream(body));
        }
      } finally {
        writing.set(false);
      }
      int reads = 0;
      for (Future<Integer> reader : readers) {
        reads += reader.get(60, TimeUnit.SECONDS);
      }
      assertThat(reads).isGreaterThan(OVERWRITES);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int readUntilDone(ObjectStore store, AtomicBoolean writing, Set<String> versions)
      throws IOException {
    int reads = 0;
    while (writing.get()) {
      try (StoredObject object = store.get("b", "hot", ByteRange.ALL)) {
        String sha256 = SeededBytes.sha256(object.body());
        assertThat(sha256).isEqualTo(object.metadata().sha256());
        assertThat(versions).contains(sha256);
      }
      reads++;
    }
    return reads;
  }
}
