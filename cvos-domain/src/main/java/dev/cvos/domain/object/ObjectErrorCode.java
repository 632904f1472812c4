package dev.cvos.domain.object;

/** Why an object operation failed; the HTTP layer maps each to the contract's status and code. */
public enum ObjectErrorCode {
  /** A bucket or key breaks the naming rules. The client's fault. */
  INVALID_NAME(Kind.USER),
  /** A parameter of the request is out of bounds. The client's fault. */
  INVALID_REQUEST(Kind.USER),
  /** The body does not hash to the expected SHA-256; nothing was stored. */
  CHECKSUM_MISMATCH(Kind.USER),
  /** The body is shorter or longer than its declared length; nothing was stored. */
  LENGTH_MISMATCH(Kind.USER),
  /** No such object, or it has expired. */
  NOT_FOUND(Kind.USER),
  /** A create-only write found an object under the key. */
  ALREADY_EXISTS(Kind.USER),
  /** The body is larger than the configured maximum; nothing was stored. */
  TOO_LARGE(Kind.USER),
  /** The byte range holds no byte of the object. */
  RANGE_NOT_SATISFIABLE(Kind.USER),
  /** The storage has no room; nothing was stored. */
  INSUFFICIENT_STORAGE(Kind.RESOURCE),
  /** The storage cannot be reached or used now; the request may succeed later. */
  UNAVAILABLE(Kind.RESOURCE);

  /** Whose problem a failure is: the client's, or a resource the server depends on. */
  public enum Kind {
    USER,
    RESOURCE
  }

  private final Kind kind;

  ObjectErrorCode(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
