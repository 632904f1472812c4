package dev.cvos.domain.relay;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A page of a bucket's listing across the cluster: this server's page merged with every storing
 * peer's page for the same request.
 *
 * @param page the merged page: keys in byte order, each key once (the newest copy when several
 *     servers hold it, as they all do with shared storage), at most the request's limit, with
 *     {@code next} set when any server has more
 * @param unreachable the peers that did not answer in time: their objects may be missing from the
 *     page (the API answers 503 rather than an incomplete listing)
 * @param reason what happened with the unreachable peers, empty when there were none
 */
public record ClusterListing(ObjectListing page, List<String> unreachable, String reason) {
  public ClusterListing {
    Objects.requireNonNull(page, "page");
    unreachable = List.copyOf(unreachable);
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether every storing peer contributed its page. */
  public boolean complete() {
    return unreachable.isEmpty();
  }

  /**
   * Merges pages that answered one {@link ListRequest}. Each page holds the first keys of its
   * server after {@code startAfter}, so the first {@code limit} keys of the union are the first
   * keys of the cluster; there are more when the union is longer or any server said it has more.
   */
  public static ObjectListing merge(Collection<ObjectListing> pages, int limit) {
    TreeMap<String, ObjectMetadata> byKey = new TreeMap<>(ObjectNames::compareKeys);
    boolean anyHasMore = false;
    for (ObjectListing page : pages) {
      anyHasMore |= page.next() != null;
      for (ObjectMetadata item : page.items()) {
        byKey.merge(item.key(), item,
            (kept, other) -> other.created().isAfter(kept.created()) ? other : kept);
      }
    }
    List<ObjectMetadata> items = new ArrayList<>(byKey.values());
    boolean more = anyHasMore || items.size() > limit;
    List<ObjectMetadata> page = items.subList(0, Math.min(limit, items.size()));
    String next = more && !page.isEmpty() ? page.get(page.size() - 1).key() : null;
    return new ObjectListing(page, next);
  }
}
