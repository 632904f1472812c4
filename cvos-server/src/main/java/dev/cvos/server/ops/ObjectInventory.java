package dev.cvos.server.ops;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Every live object of a store, bucket by bucket, page by page (metadata only). */
final class ObjectInventory {
  private ObjectInventory() {}

  static List<ObjectMetadata> of(ObjectStore store) throws IOException {
    List<ObjectMetadata> all = new ArrayList<>();
    for (String bucket : store.buckets()) {
      String after = null;
      do {
        ObjectListing page = store.list(bucket, new ListRequest("", after, ListRequest.MAX_LIMIT));
        all.addAll(page.items());
        after = page.next();
      } while (after != null);
    }
    return all;
  }

  static long bytes(List<ObjectMetadata> objects) {
    long total = 0;
    for (ObjectMetadata metadata : objects) {
      total += metadata.size();
    }
    return total;
  }
}
