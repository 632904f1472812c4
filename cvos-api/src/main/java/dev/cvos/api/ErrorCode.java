package dev.cvos.api;

import java.util.Optional;

/** The error codes of the contract, each with the HTTP status it is sent with. */
public enum ErrorCode {
  /** A bucket or key breaks the naming rules. */
  INVALID_NAME("invalid_name", 400),
  /** A header, parameter or method the request carries is malformed or not supported. */
  INVALID_REQUEST("invalid_request", 400),
  /** The body does not hash to the {@code X-Cvos-Sha256} the client sent; nothing was stored. */
  CHECKSUM_MISMATCH("checksum_mismatch", 400),
  /** No valid API key. */
  UNAUTHORIZED("unauthorized", 401),
  /** The key is valid but the request is not allowed (a relayed request from a non-peer). */
  FORBIDDEN("forbidden", 403),
  /** No such object (or path). */
  NOT_FOUND("not_found", 404),
  /** A condition of the request ({@code If-None-Match: *}) does not hold. */
  PRECONDITION_FAILED("precondition_failed", 412),
  /** The body is larger than the server accepts. */
  TOO_LARGE("too_large", 413),
  /** The {@code Range} holds no byte of the object. */
  RANGE_NOT_SATISFIABLE("range_not_satisfiable", 416),
  /** No storing server (or the storage) could be reached; retry later. */
  UNAVAILABLE("unavailable", 503),
  /** The storage has no room for the object; nothing was stored. */
  INSUFFICIENT_STORAGE("insufficient_storage", 507);

  private final String code;
  private final int status;

  ErrorCode(String code, int status) {
    this.code = code;
    this.status = status;
  }

  /** The code as it appears in {@link ErrorBody#error()}. */
  public String code() {
    return code;
  }

  /** The HTTP status it is sent with. */
  public int status() {
    return status;
  }

  /**
   * The code an error answer of this status carries when it has no body saying otherwise: the
   * one mapping from status to code, used by the server for the errors it did not raise itself
   * (Jetty's, Jersey's) and by the client for answers without the contract's body. Empty for a
   * status the contract does not use; {@code 400} is {@link #INVALID_REQUEST}.
   */
  public static Optional<ErrorCode> forStatus(int status) {
    return switch (status) {
      case 400 -> Optional.of(INVALID_REQUEST);
      case 401 -> Optional.of(UNAUTHORIZED);
      case 403 -> Optional.of(FORBIDDEN);
      case 404 -> Optional.of(NOT_FOUND);
      case 412 -> Optional.of(PRECONDITION_FAILED);
      case 413 -> Optional.of(TOO_LARGE);
      case 416 -> Optional.of(RANGE_NOT_SATISFIABLE);
      case 503 -> Optional.of(UNAVAILABLE);
      case 507 -> Optional.of(INSUFFICIENT_STORAGE);
      default -> Optional.empty();
    };
  }

  /**
   * The code a server sends with an error status: {@link #forStatus}, else {@link #UNAVAILABLE}
   * for a server error and {@link #INVALID_REQUEST} for any other refusal.
   */
  public static ErrorCode ofStatus(int status) {
    return forStatus(status).orElse(status >= 500 ? UNAVAILABLE : INVALID_REQUEST);
  }

  /** The code with the given wire name. */
  public static Optional<ErrorCode> fromCode(String code) {
    for (ErrorCode value : values()) {
      if (value.code.equals(code)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
