package dev.cvos.storage.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.InsufficientStorageException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A share whose disk fills up: smbd answers NT_STATUS_DISK_FULL, for real. */
class SmbDiskFullTest {
  private static final int MIB = 1024 * 1024;

  @RegisterExtension
  static final TestingSmbServer SMB = TestingSmbServer.withSmallShare(8L * MIB);

  @Test
  void writeThatFillsTheShareFailsAsInsufficientStorageAndLeavesNothing() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.SMALL_SHARE);
    Path folder = SMB.folderDirectory(TestingSmbServer.SMALL_SHARE, url);
    try (ObjectStore store = new SmbObjectStoreFactory().create(
        Map.of("url", url, "user", SMB.user(), "password", SMB.password()),
        StoreContext.of(Clock.systemUTC(), "disk-full-test"))) {
      ObjectMetadata kept = store.put(WriteRequest.of("b", "kept"), SeededBytes.stream(MIB, 1));
      assertThat(store.usableSpace()).isPositive().isLessThan(8L * MIB);

      assertThatThrownBy(() -> store.put(WriteRequest.of("b", "huge"),
              SeededBytes.stream(16 * MIB, 2)))
          .isInstanceOf(InsufficientStorageException.class)
          .hasMessageContaining("full");
      assertThatThrownBy(() -> store.put(WriteRequest.of("b", "kept"),
              SeededBytes.stream(16 * MIB, 3)))
          .isInstanceOf(InsufficientStorageException.class);

      assertThat(store.stat("b", "huge")).isEmpty();
      assertThat(store.stat("b", "kept")).contains(kept);
      try (StoredObject read = store.get("b", "kept", ByteRange.ALL)) {
        assertThat(SeededBytes.sha256(read.body())).isEqualTo(kept.sha256());
      }
      assertThat(temporaryFiles(folder)).isZero();
      ObjectMetadata later = store.put(WriteRequest.of("b", "later"), SeededBytes.stream(MIB, 4));
      assertThat(store.stat("b", "later")).contains(later);
    }
  }

  private static long temporaryFiles(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.getFileName().toString()
          .startsWith(ObjectFileLayout.TEMPORARY_PREFIX)).count();
    }
  }
}
