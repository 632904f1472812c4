package dev.cvos.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * A page of a bucket's listing: {@code {"items":[…],"next":…}}.
 *
 * @param items the objects, keys in byte order
 * @param next the value of {@code after} for the next page, or null when this page is the last
 */
public record ObjectList(List<ObjectInfo> items, @JsonInclude(JsonInclude.Include.ALWAYS) String next) {
  public ObjectList {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }
}
