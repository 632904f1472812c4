package dev.cvos.domain.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A page of a bucket's live keys from the catalog (the entries' holders are not read: empty).
 *
 * @param items the entries, in UTF-8 byte order of their keys
 * @param next the key to start after for the next page, or null when this page is the last
 */
public record CatalogPage(List<CatalogEntry> items, String next) {
  public CatalogPage {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }
}
