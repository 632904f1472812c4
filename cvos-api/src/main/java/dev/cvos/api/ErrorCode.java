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
