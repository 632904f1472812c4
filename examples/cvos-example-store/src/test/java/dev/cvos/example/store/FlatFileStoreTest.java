package dev.cvos.example.store;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.tck.ObjectStoreContractTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The whole storage TCK against the example plugin's store, built through its factory. */
class FlatFileStoreTest extends ObjectStoreContractTest {
  @TempDir
  Path root;

  // throws Exception: a factory may throw BackendUnavailableException (or any IOException)
  @Override
  protected ObjectStore createStore(StoreContext context) throws Exception {
    return new FlatFileStoreFactory().create(Map.of("root", root.toString()), context);
  }
}
