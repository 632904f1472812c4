package dev.cvos.example.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.SpiVersion;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration the factory accepts and refuses, and the layout it writes. */
class FlatFileStoreFactoryTest {
  private final StoreContext context = StoreContext.of(Clock.systemUTC(), "example-test");

  @TempDir
  Path root;

  @Test
  void isNamedFlatAndBuiltForThisSpi() {
    assertThat(new FlatFileStoreFactory().name()).isEqualTo("flat");
    assertThat(new FlatFileStoreFactory().spiMajorVersion()).isEqualTo(SpiVersion.MAJOR);
  }

  @Test
  void missingRootIsRefusedNamingTheKey() {
    assertThatThrownBy(() -> new FlatFileStoreFactory().create(Map.of(), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.config.root is missing");
  }

  @Test
  void rootThatIsNotADirectoryIsRefused() {
    assertThatThrownBy(() -> new FlatFileStoreFactory().create(Map.of("root", root.resolve("absent").toString()), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a directory");
  }

  @Test
  void unknownKeyAndBadFsyncAreRefused() {
    assertThatThrownBy(() -> new FlatFileStoreFactory().create(Map.of("root", root.toString(), "rot", "x"), context))
        .hasMessageContaining("storage.config.rot is not a setting");
    assertThatThrownBy(() -> new FlatFileStoreFactory().create(Map.of("root", root.toString(), "fsync", "maybe"), context))
        .hasMessageContaining("storage.config.fsync is 'maybe'");
  }

  @Test
  void objectsAreFlatFilesPerBucketDirectory() throws Exception {
    try (ObjectStore store = new FlatFileStoreFactory().create(Map.of("root", root.toString()), context)) {
      store.put(WriteRequest.of("photos", "a/b/c.jpg"), new ByteArrayInputStream(new byte[] {1, 2, 3}));
    }
    try (var files = Files.list(root.resolve("photos"))) {
      assertThat(files.map(p -> p.getFileName().toString()).toList())
          .singleElement().satisfies(name -> assertThat(name).matches("[0-9a-f]{64}\\.obj"));
    }
  }
}
