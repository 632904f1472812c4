package dev.cvos.api.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.api.CvosApiException;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Turns an error answer into the exception of its status, with the error body and server id. */
final class ErrorResponses {
  /** An error body is a line of JSON; more than this is not one. */
  private static final int MAX_BODY = 64 * 1024;

  private final ObjectMapper json;

  ErrorResponses(ObjectMapper json) {
    this.json = json;
  }

  /** The exception for an error answer; reads (a bounded part of) its body and closes it. */
  CvosApiException failure(HttpResponse<InputStream> response) throws IOException {
    byte[] text;
    try (InputStream in = response.body()) {
      text = in.readNBytes(MAX_BODY);
    }
    int status = response.statusCode();
    String server = response.headers().firstValue(CvosHeaders.SERVER).orElse(null);
    Duration retryAfter = response.headers().firstValue("Retry-After").map(ErrorResponses::seconds).orElse(null);
    return exception(status, body(status, text), server, retryAfter);
  }

  /** The exception of a status ({@link ErrorCode#forStatus}) with this body. */
  static CvosApiException exception(int status, ErrorBody body, String server, Duration retryAfter) {
    ErrorCode code = ErrorCode.forStatus(status).orElse(null);
    if (code == null) {
      return new CvosApiException(status, body, server);
    }
    return switch (code) {
      case INVALID_NAME, INVALID_REQUEST, CHECKSUM_MISMATCH -> new InvalidRequestException(body, server);
      case UNAUTHORIZED -> new UnauthorizedException(body, server);
      case FORBIDDEN -> new ForbiddenException(body, server);
      case NOT_FOUND -> new NotFoundException(body, server);
      case PRECONDITION_FAILED -> new PreconditionFailedException(body, server);
      case TOO_LARGE -> new TooLargeException(body, server);
      case RANGE_NOT_SATISFIABLE -> new RangeNotSatisfiableException(body, server);
      case UNAVAILABLE -> new UnavailableException(body, server, retryAfter);
      case INSUFFICIENT_STORAGE -> new InsufficientStorageException(body, server);
    };
  }

  /**
   * The error body; an answer without one (a HEAD, or a proxy's page) gets the contract's code of
   * its status and a message that says what came instead.
   */
  ErrorBody body(int status, byte[] text) {
    if (text.length > 0) {
      try {
        ErrorBody parsed = json.readValue(text, ErrorBody.class);
        if (parsed != null) {
          return parsed;
        }
      } catch (IOException | RuntimeException e) {
        // not the contract's body: described below
      }
    }
    String code = ErrorCode.forStatus(status).map(ErrorCode::code).orElse("http_" + status);
    String shown = new String(text, 0, Math.min(text.length, 200), StandardCharsets.UTF_8).strip();
    return new ErrorBody(code, shown.isEmpty() ? "HTTP " + status + " without an error body" : shown);
  }

  private static Duration seconds(String value) {
    try {
      return Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: left to the caller's own back-off
    }
  }
}
