package dev.cvos.storage.spi;

import java.util.Objects;

/**
 * Which objects of a bucket {@link ObjectStore#list} returns.
 *
 * @param prefix only keys starting with it; empty for every key
 * @param startAfter only keys after it in byte order; null to start at the first key
 * @param limit at most this many items, 1 to {@link #MAX_LIMIT}
 */
public record ListRequest(String prefix, String startAfter, int limit) {
  /** The largest page a store is asked for. */
  public static final int MAX_LIMIT = 1000;

  public ListRequest {
    Objects.requireNonNull(prefix, "prefix");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
    }
  }

  /** The first page of every key, {@code limit} long. */
  public static ListRequest firstPage(int limit) {
    return new ListRequest("", null, limit);
  }
}
