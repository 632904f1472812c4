package dev.cvos.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import dev.cvos.storage.spi.tck.GeneratedBody;
import dev.cvos.storage.spi.tck.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a start does with temporary files that a crash (of this or another server) left. */
class LocalObjectStoreStartupTest {
  @TempDir Path root;

  private ObjectStore open(String serverId, Instant now, String maxAge) throws Exception {
    return new LocalObjectStoreFactory().create(
        Map.of("root", root.toString(), "temp-max-age", maxAge), StoreContext.of(new MutableClock(now), serverId));
  }

  private Path temporary(Path directory, String serverId, Instant modified) throws Exception {
    Path file = Files.createDirectories(directory).resolve(ObjectFileLayout.temporaryFileName(serverId));
    Files.writeString(file, "half an object");
    Files.setLastModifiedTime(file, FileTime.from(modified));
    return file;
  }

  @Test
  void startRemovesItsOwnTemporaryFilesAtOnceAndOthersOnlyWhenStale() throws Exception {
    Instant now = Instant.now();
    Path directory = root.resolve("b/00/01");
    Path own = temporary(directory, "me", now);
    Path ownOld = temporary(root.resolve("other/ff/ff"), "me", now.minus(Duration.ofDays(3)));
    Path othersFresh = temporary(directory, "peer", now.minus(Duration.ofMinutes(59)));
    Path othersStale = temporary(directory, "peer", now.minus(Duration.ofMinutes(61)));
    Path similarId = temporary(directory, "me2", now);
    Path foreign = Files.writeString(directory.resolve("notes.txt"), "not ours");

    try (ObjectStore store = open("me", now, "1h")) {
      store.put(WriteRequest.of("b", "kept"), GeneratedBody.of(10, 1));
      assertThat(own).doesNotExist();
      assertThat(ownOld).doesNotExist();
      assertThat(othersStale).doesNotExist();
      assertThat(othersFresh).exists();
      assertThat(similarId).as("another server's id that starts like ours").exists();
      assertThat(foreign).exists();
    }
    try (ObjectStore store = open("me", now, "1h")) {
      assertThat(store.stat("b", "kept")).isPresent();
    }
  }

  @Test
  void tempMaxAgeComesFromConfiguration() throws Exception {
    Instant now = Instant.now();
    Path othersTenMinutesOld = temporary(root.resolve("b/00/00"), "peer", now.minus(Duration.ofMinutes(10)));
    open("me", now, "1h").close();
    assertThat(othersTenMinutesOld).exists();
    open("me", now, "5m").close();
    assertThat(othersTenMinutesOld).doesNotExist();
  }
}
