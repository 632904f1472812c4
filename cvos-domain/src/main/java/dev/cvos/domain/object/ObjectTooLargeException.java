package dev.cvos.domain.object;

import java.io.IOException;

/**
 * Thrown from the body stream of a write when it passes the configured maximum, so that the store
 * aborts the write and removes what it wrote.
 */
public class ObjectTooLargeException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long maxBytes;

  public ObjectTooLargeException(long maxBytes) {
    super("the body is larger than the maximum object size of " + maxBytes + " bytes");
    this.maxBytes = maxBytes;
  }

  public long maxBytes() {
    return maxBytes;
  }
}
