package dev.cvos.api.client;

import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The objects of a listing, fetched a page at a time as the iteration reaches the end of the page
 * before: one request per page, none before the first {@link #hasNext()}, none after the last
 * page. A failed page request surfaces as an {@link UncheckedIOException} whose cause is the
 * client's exception ({@link NotFoundException}, {@link UnavailableException}, …).
 */
final class ObjectListing implements Iterator<ObjectInfo> {
  /** Fetches the page after a key (null for the first page). */
  @FunctionalInterface
  interface Pages {
    ObjectList after(String key) throws IOException, InterruptedException;
  }

  private final Pages pages;
  private Iterator<ObjectInfo> page;
  private String next;
  private boolean last;

  ObjectListing(Pages pages) {
    this.pages = Objects.requireNonNull(pages, "pages");
  }

  @Override
  public boolean hasNext() {
    while ((page == null || !page.hasNext()) && !last) {
      fetch();
    }
    return page.hasNext();
  }

  @Override
  public ObjectInfo next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return page.next();
  }

  private void fetch() {
    ObjectList list;
    try {
      list = pages.after(next);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted while listing"));
    }
    page = list.items().iterator();
    next = list.next();
    last = next == null;
  }
}
