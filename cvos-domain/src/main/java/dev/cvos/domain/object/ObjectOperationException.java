package dev.cvos.domain.object;

import java.util.Objects;

/** An object operation failed for a reason with a code from {@link ObjectErrorCode}. */
public class ObjectOperationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ObjectErrorCode code;
  private final long objectSize;

  public ObjectOperationException(ObjectErrorCode code, String message) {
    this(code, message, null, -1);
  }

  public ObjectOperationException(ObjectErrorCode code, String message, Throwable cause) {
    this(code, message, cause, -1);
  }

  private ObjectOperationException(ObjectErrorCode code, String message, Throwable cause, long objectSize) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.objectSize = objectSize;
  }

  /** A range that holds no byte of an object of {@code size} bytes. */
  public static ObjectOperationException rangeNotSatisfiable(long size) {
    return new ObjectOperationException(ObjectErrorCode.RANGE_NOT_SATISFIABLE,
        "the range holds no byte of the object, which has " + size + " bytes", null, size);
  }

  public ObjectErrorCode code() {
    return code;
  }

  /** The object's size, for {@link ObjectErrorCode#RANGE_NOT_SATISFIABLE}; otherwise -1. */
  public long objectSize() {
    return objectSize;
  }
}
