package dev.cvos.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import dev.cvos.domain.object.ObjectErrorCode;
import dev.cvos.domain.object.ObjectOperationException;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failure as the contract answers it: the status, the error code and message of the JSON body,
 * and the headers that go with it ({@code Retry-After}, {@code Content-Range}, {@code
 * WWW-Authenticate}). Made here, once, for every failure a request can meet, whatever then
 * renders it: {@link ErrorMapper} in Jersey, or a handler in front of Jersey (the object reads).
 * Client errors are logged without stack traces; failures of a resource the server depends on as
 * warnings; anything unexpected as an error with its stack (all under {@link ErrorMapper}'s
 * logger).
 *
 * @param status the HTTP status
 * @param code the contract's error code
 * @param message the body's message
 * @param headers the headers to add, in order
 */
public record ErrorAnswer(int status, ErrorCode code, String message, Map<String, String> headers) {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);
  private static final String RETRY_AFTER_SECONDS = "5";

  public ErrorAnswer {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** The answer with the code's own status and no extra header. */
  public static ErrorAnswer of(ErrorCode code, String message) {
    return new ErrorAnswer(code.status(), code, message, Map.of());
  }

  /** The JSON body. */
  public ErrorBody body() {
    return ErrorBody.of(code, message);
  }

  /** The answer to any failure but Jersey's own refusals (those are {@link ErrorMapper}'s). */
  public static ErrorAnswer of(Throwable failure) {
    if (failure instanceof ObjectOperationException e) {
      return of(e);
    }
    if (failure instanceof ApiException e) {
      LOG.debug("refused: {} {}", e.code().code(), e.getMessage());
      return new ErrorAnswer(e.status(), e.code(), e.getMessage(), e.headers());
    }
    if (failure instanceof JsonProcessingException e) {
      return of(ErrorCode.INVALID_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (failure instanceof EofException || (failure instanceof IOException && isClientGone(failure))) {
      LOG.debug("the client went away: {}", failure.toString());
      return of(ErrorCode.INVALID_REQUEST, "the connection was closed during the request");
    }
    LOG.error("unexpected failure; answering 503", failure);
    return unavailable("the server failed unexpectedly; retry later");
  }

  /** 503 {@code unavailable} with {@code Retry-After}. */
  public static ErrorAnswer unavailable(String message) {
    return new ErrorAnswer(503, ErrorCode.UNAVAILABLE, message, Map.of("Retry-After", RETRY_AFTER_SECONDS));
  }

  /** The answer to a failed object operation: one {@link ObjectErrorCode} is one answer. */
  public static ErrorAnswer of(ObjectOperationException e) {
    ObjectErrorCode code = e.code();
    if (code.kind() == ObjectErrorCode.Kind.RESOURCE) {
      // The cause's message (a store's file or share) is logged here, never answered.
      LOG.warn("{}: {}{}", code, e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
    } else {
      LOG.debug("{}: {}", code, e.getMessage());
    }
    return switch (code) {
      case INVALID_NAME -> of(ErrorCode.INVALID_NAME, e.getMessage());
      case INVALID_REQUEST, LENGTH_MISMATCH -> of(ErrorCode.INVALID_REQUEST, e.getMessage());
      case CHECKSUM_MISMATCH -> of(ErrorCode.CHECKSUM_MISMATCH, e.getMessage());
      case NOT_FOUND -> of(ErrorCode.NOT_FOUND, e.getMessage());
      case ALREADY_EXISTS -> of(ErrorCode.PRECONDITION_FAILED,
          e.getMessage() + " and If-None-Match: * asked to create only");
      case TOO_LARGE -> of(ErrorCode.TOO_LARGE, e.getMessage());
      case RANGE_NOT_SATISFIABLE -> new ErrorAnswer(416, ErrorCode.RANGE_NOT_SATISFIABLE, e.getMessage(),
          Map.of("Content-Range", "bytes */" + e.objectSize()));
      case INSUFFICIENT_STORAGE -> of(ErrorCode.INSUFFICIENT_STORAGE, e.getMessage());
      case UNAVAILABLE -> unavailable(e.getMessage());
    };
  }

  private static boolean isClientGone(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EofException) {
        return true;
      }
    }
    return false;
  }
}
