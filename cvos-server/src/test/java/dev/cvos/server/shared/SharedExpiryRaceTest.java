package dev.cvos.server.shared;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.smb.SmbObjectStoreFactory;
import dev.cvos.storage.smb.TestingSmbServer;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers' stores on one shared location (a real smbd share folder; a directory): one purges
 * expired objects while the other replaces an expired object with a live one under the same key.
 * The purge must never take the live object, which the writer has acknowledged.
 */
class SharedExpiryRaceTest {
  @RegisterExtension static final TestingSmbServer SMB = new TestingSmbServer();

  private static final Duration RACE = Duration.ofSeconds(6);

  @FunctionalInterface
  private interface Opener {
    ObjectStore open(String serverId) throws IOException;
  }

  private static Opener smbFolder(String url) {
    return serverId -> new SmbObjectStoreFactory().create(
        Map.of("url", url, "user", SMB.user(), "password", SMB.password()),
        StoreContext.of(Clock.systemUTC(), serverId));
  }

  @Test
  void purgeOverSmbNeverRemovesALiveObjectAnotherServerJustWrote() throws Exception {
    race(smbFolder(SMB.newFolderUrl(TestingSmbServer.USER_SHARE)));
  }

  @Test
  void purgeOnASharedDirectoryNeverRemovesALiveObjectAnotherServerJustWrote(@TempDir Path directory)
      throws Exception {
    race(serverId -> new LocalObjectStoreFactory().create(Map.of("root", directory.toString()),
        StoreContext.of(Clock.systemUTC(), serverId)));
  }

  private static void race(Opener stores) throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger rounds = new AtomicInteger();
    AtomicInteger failedPasses = new AtomicInteger();
    ExecutorService sweeper = Executors.newSingleThreadExecutor();
    try (ObjectStore sweeping = stores.open("node-a"); ObjectStore writing = stores.open("node-b")) {
      // every object with an expiry is expired for this purge; live objects (no expiry) are not
      Instant purgeNow = Instant.now().plus(Duration.ofDays(1));
      Future<Integer> purged = sweeper.submit(() -> {
        int total = 0;
        while (!stop.get()) {
          try {
            total += sweeping.purgeExpired(purgeNow);
          } catch (IOException e) {
            // as the server's sweeper: a file another server holds open fails this pass; the next retries
            failedPasses.incrementAndGet();
          }
        }
        return total;
      });
      Instant end = Instant.now().plus(RACE);
      while (Instant.now().isBefore(end)) {
        int round = rounds.incrementAndGet();
        String key = "k" + (round % 4);
        writing.put(WriteRequest.of("events", key).withExpires(Instant.now().plus(Duration.ofHours(1))),
            body("ephemeral " + round));
        writing.put(WriteRequest.of("events", key), body("live " + round));

        // the purge may hold it aside for a moment while it checks it; it must come back, not vanish
        SharedCluster.eventually(Duration.ofSeconds(3), () -> writing.stat("events", key).isPresent());
      }
      stop.set(true);
      assertThat(purged.get(60, TimeUnit.SECONDS)).as("the sweeper purged expired objects meanwhile (%d rounds, %d failed"
          + " passes)", rounds.get(), failedPasses.get()).isPositive();
    } finally {
      stop.set(true);
      sweeper.shutdownNow();
      sweeper.awaitTermination(30, TimeUnit.SECONDS);
    }
  }

  private static ByteArrayInputStream body(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }
}
