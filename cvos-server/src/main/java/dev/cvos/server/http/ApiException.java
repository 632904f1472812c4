package dev.cvos.server.http;

import dev.cvos.api.ErrorCode;
import java.util.Map;
import java.util.Objects;

/**
 * A request the HTTP layer refuses before any use case runs (a malformed header, a missing key).
 * {@link ErrorMapper} answers it with the code's status, or {@link #status()} where the HTTP
 * status is more precise than the code's (405).
 */
public class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final int status;
  private final Map<String, String> headers;

  public ApiException(ErrorCode code, String message) {
    this(code, code.status(), message, Map.of());
  }

  public ApiException(ErrorCode code, int status, String message, Map<String, String> headers) {
    super(message);
    this.code = Objects.requireNonNull(code, "code");
    this.status = status;
    this.headers = Map.copyOf(headers);
  }

  /** A malformed request: 400 invalid_request. */
  public static ApiException invalidRequest(String message) {
    return new ApiException(ErrorCode.INVALID_REQUEST, message);
  }

  public ErrorCode code() {
    return code;
  }

  public int status() {
    return status;
  }

  /** Headers to add to the error response. */
  public Map<String, String> headers() {
    return headers;
  }
}
