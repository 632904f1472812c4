package dev.cvos.storage.local;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.tck.ObjectStoreContractTest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** The whole TCK against the local store, with fsync on as in production. */
class LocalObjectStoreTest extends ObjectStoreContractTest {
  @TempDir Path root;

  @Override
  protected ObjectStore createStore(StoreContext context) throws Exception {
    return new LocalObjectStoreFactory().create(Map.of("root", root.toString()), context);
  }
}
