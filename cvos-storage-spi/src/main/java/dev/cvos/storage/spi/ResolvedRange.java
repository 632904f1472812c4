package dev.cvos.storage.spi;

/**
 * A byte range resolved against an object's size.
 *
 * @param offset the first byte
 * @param length how many bytes, possibly 0 for an empty object read whole
 */
public record ResolvedRange(long offset, long length) {
  public ResolvedRange {
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException("offset and length must not be negative");
    }
  }

  /** The last byte (inclusive); -1 when the range is empty. */
  public long last() {
    return offset + length - 1;
  }

  /** Whether this covers an object of {@code size} bytes whole. */
  public boolean isWhole(long size) {
    return offset == 0 && length == size;
  }
}
