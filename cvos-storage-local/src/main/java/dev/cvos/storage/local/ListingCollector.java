package dev.cvos.storage.local;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Keeps the {@code limit + 1} smallest keys (in UTF-8 byte order) of the objects offered that a
 * listing asks for, in a bounded heap: memory is O(limit) however large the bucket. The extra one
 * tells whether a next page exists.
 */
final class ListingCollector {
  private record Entry(byte[] key, ObjectMetadata metadata) {}

  private static final Comparator<Entry> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key(), b.key());

  private final String prefix;
  private final byte[] startAfter;
  private final int limit;
  private final Instant now;
  private final PriorityQueue<Entry> largestFirst;

  ListingCollector(ListRequest request, Instant now) {
    this.prefix = request.prefix();
    this.startAfter = request.startAfter() == null ? null : request.startAfter().getBytes(StandardCharsets.UTF_8);
    this.limit = request.limit();
    this.now = now;
    this.largestFirst = new PriorityQueue<>(limit + 2, BY_KEY.reversed());
  }

  /** Considers one object. */
  void offer(ObjectMetadata metadata) {
    if (metadata.isExpiredAt(now) || !metadata.key().startsWith(prefix)) {
      return;
    }
    byte[] key = metadata.key().getBytes(StandardCharsets.UTF_8);
    if (startAfter != null && Arrays.compareUnsigned(key, startAfter) <= 0) {
      return;
    }
    if (largestFirst.size() > limit && BY_KEY.compare(largestFirst.peek(), new Entry(key, null)) <= 0) {
      return;
    }
    largestFirst.add(new Entry(key, metadata));
    if (largestFirst.size() > limit + 1) {
      largestFirst.poll();
    }
  }

  /** The page: the smallest {@code limit} keys, and the next key if more were offered. */
  ObjectListing listing() {
    List<Entry> entries = new ArrayList<>(largestFirst);
    entries.sort(BY_KEY);
    boolean more = entries.size() > limit;
    List<ObjectMetadata> items = new ArrayList<>(limit);
    for (int i = 0; i < Math.min(limit, entries.size()); i++) {
      items.add(entries.get(i).metadata());
    }
    return new ObjectListing(items, more ? items.get(items.size() - 1).key() : null);
  }
}
