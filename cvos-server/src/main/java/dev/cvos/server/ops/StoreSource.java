package dev.cvos.server.ops;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/** A store as a migration source: each object read through one opened {@link StoredObject}. */
public final class StoreSource implements ObjectSource {
  private final String description;
  private final ObjectStore store;
  private final boolean closeStore;
  private List<ObjectMetadata> inventory;

  /**
   * @param closeStore whether {@link #close()} closes the store (false when the caller owns it)
   */
  public StoreSource(String description, ObjectStore store, boolean closeStore) {
    this.description = Objects.requireNonNull(description, "description");
    this.store = Objects.requireNonNull(store, "store");
    this.closeStore = closeStore;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public List<ObjectMetadata> inventory() throws IOException {
    if (inventory == null) {
      inventory = ObjectInventory.of(store);
    }
    return inventory;
  }

  @Override
  public void forEach(ObjectVisitor visitor) throws IOException {
    for (ObjectMetadata listed : inventory()) {
      StoredObject object;
      try {
        object = store.get(listed.bucket(), listed.key(), ByteRange.ALL);
      } catch (ObjectNotFoundException e) {
        continue;
      }
      try (object) {
        visitor.visit(object.metadata(), object.body());
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (closeStore) {
      store.close();
    }
  }
}
