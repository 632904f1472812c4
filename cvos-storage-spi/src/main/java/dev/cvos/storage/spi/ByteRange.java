package dev.cvos.storage.spi;

/**
 * The bytes of an object a reader asks for, in the forms an HTTP {@code Range} header takes:
 * the whole object, {@code first-last}, {@code first-} (to the end) and {@code -n} (the last n
 * bytes). A range is resolved against the object's size by {@link #resolve(long)}.
 *
 * @param kind which form this is
 * @param first the first byte for {@link Kind#CLOSED} and {@link Kind#FROM}; n for {@link
 *     Kind#SUFFIX}; 0 for {@link Kind#ALL}
 * @param last the last byte (inclusive) for {@link Kind#CLOSED}; otherwise -1
 */
public record ByteRange(Kind kind, long first, long last) {

  /** The forms of a range. */
  public enum Kind {
    /** The whole object. */
    ALL,
    /** Bytes {@code first} to {@code last}, both included; {@code last} is clamped to the end. */
    CLOSED,
    /** Bytes from {@code first} to the end. */
    FROM,
    /** The last {@code first} bytes. */
    SUFFIX
  }

  /** The whole object: never unsatisfiable, even when the object is empty. */
  public static final ByteRange ALL = new ByteRange(Kind.ALL, 0, -1);

  public ByteRange {
    java.util.Objects.requireNonNull(kind, "kind");
    if (first < 0) {
      throw new IllegalArgumentException("range start is negative: " + first);
    }
    if (kind == Kind.CLOSED && last < first) {
      throw new IllegalArgumentException("range end " + last + " is before its start " + first);
    }
  }

  /** Bytes {@code first} to {@code last}, both included. */
  public static ByteRange closed(long first, long last) {
    return new ByteRange(Kind.CLOSED, first, last);
  }

  /** Bytes from {@code first} to the end. */
  public static ByteRange from(long first) {
    return new ByteRange(Kind.FROM, first, -1);
  }

  /** The last {@code length} bytes. */
  public static ByteRange suffix(long length) {
    return new ByteRange(Kind.SUFFIX, length, -1);
  }

  /**
   * The offset and length this range covers in an object of {@code size} bytes.
   *
   * @throws RangeNotSatisfiableException if no byte of the object is in range (a start at or past
   *     the end, or an empty suffix); never for {@link #ALL}
   */
  public ResolvedRange resolve(long size) throws RangeNotSatisfiableException {
    switch (kind) {
      case ALL:
        return new ResolvedRange(0, size);
      case CLOSED:
      case FROM:
        if (first >= size) {
          throw new RangeNotSatisfiableException(size);
        }
        long end = kind == Kind.CLOSED ? Math.min(last, size - 1) : size - 1;
        return new ResolvedRange(first, end - first + 1);
      case SUFFIX:
        if (first == 0 || size == 0) {
          throw new RangeNotSatisfiableException(size);
        }
        long length = Math.min(first, size);
        return new ResolvedRange(size - length, length);
      default:
        throw new IllegalStateException("unknown range kind " + kind);
    }
  }
}
