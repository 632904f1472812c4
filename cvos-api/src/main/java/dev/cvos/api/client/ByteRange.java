package dev.cvos.api.client;

/**
 * A byte range of an object, as {@code Range: bytes=…} asks for it.
 *
 * @param first the first byte's offset, or -1 for the last {@code last} bytes of the object
 * @param last the last byte's offset (inclusive), or -1 for "to the end"; the count of final bytes
 *     when {@code first} is -1
 */
public record ByteRange(long first, long last) {
  public ByteRange {
    if (first < -1 || last < -1 || (first == -1 && last < 1) || (first >= 0 && last >= 0 && last < first)) {
      throw new IllegalArgumentException("not a byte range: first=" + first + ", last=" + last);
    }
  }

  /** Bytes {@code first} to {@code last}, both included. */
  public static ByteRange of(long first, long last) {
    return new ByteRange(first, last);
  }

  /** From byte {@code first} to the end. */
  public static ByteRange from(long first) {
    return new ByteRange(first, -1);
  }

  /** The last {@code count} bytes. */
  public static ByteRange lastBytes(long count) {
    return new ByteRange(-1, count);
  }

  /** The value of the {@code Range} header. */
  public String header() {
    if (first == -1) {
      return "bytes=-" + last;
    }
    return "bytes=" + first + "-" + (last == -1 ? "" : Long.toString(last));
  }
}
