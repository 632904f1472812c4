package dev.cvos.storage.spi;

import java.util.List;
import java.util.Objects;

/**
 * A page of a bucket's listing.
 *
 * @param items the objects, in byte order of their keys
 * @param next the key to pass as {@link ListRequest#startAfter()} for the next page, or null when
 *     this page is the last
 */
public record ObjectListing(List<ObjectMetadata> items, String next) {
  public ObjectListing {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }
}
