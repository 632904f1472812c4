package dev.cvos.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.inject.Inject;
import dev.cvos.api.ErrorCode;
import dev.cvos.domain.object.ObjectErrorCode;
import dev.cvos.domain.object.ObjectOperationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.io.IOException;
import org.eclipse.jetty.io.EofException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place failures become HTTP answers: the contract's status and JSON error body. Client
 * errors are logged without stack traces; failures of a resource the server depends on as
 * warnings; anything unexpected as an error with its stack.
 */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  @Inject
  public ErrorMapper() {}

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof ObjectOperationException e) {
      return objectFailure(e);
    }
    if (failure instanceof ApiException e) {
      LOG.debug("refused: {} {}", e.code().code(), e.getMessage());
      Response.ResponseBuilder response = ErrorResponses.of(e.status(), e.code(), e.getMessage());
      e.headers().forEach(response::header);
      return response.build();
    }
    if (failure instanceof WebApplicationException e) {
      return webApplicationFailure(e);
    }
    if (failure instanceof JsonProcessingException e) {
      return ErrorResponses.of(ErrorCode.INVALID_REQUEST, "the body is not valid JSON: " + e.getOriginalMessage());
    }
    if (failure instanceof EofException || (failure instanceof IOException && isClientGone(failure))) {
      LOG.debug("the client went away: {}", failure.toString());
      return ErrorResponses.of(ErrorCode.INVALID_REQUEST, "the connection was closed during the request");
    }
    LOG.error("unexpected failure; answering 503", failure);
    return ErrorResponses.of(503, ErrorCode.UNAVAILABLE, "the server failed unexpectedly; retry later")
        .header("Retry-After", "5").build();
  }

  private static boolean isClientGone(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof EofException) {
        return true;
      }
    }
    return false;
  }

  private static Response objectFailure(ObjectOperationException e) {
    ObjectErrorCode code = e.code();
    if (code.kind() == ObjectErrorCode.Kind.RESOURCE) {
      // The cause's message (a store's file or share) is logged here, never answered.
      LOG.warn("{}: {}{}", code, e.getMessage(), e.getCause() == null ? "" : " (" + e.getCause() + ")");
    } else {
      LOG.debug("{}: {}", code, e.getMessage());
    }
    return switch (code) {
      case INVALID_NAME -> ErrorResponses.of(ErrorCode.INVALID_NAME, e.getMessage());
      case INVALID_REQUEST, LENGTH_MISMATCH -> ErrorResponses.of(ErrorCode.INVALID_REQUEST, e.getMessage());
      case CHECKSUM_MISMATCH -> ErrorResponses.of(ErrorCode.CHECKSUM_MISMATCH, e.getMessage());
      case NOT_FOUND -> ErrorResponses.of(ErrorCode.NOT_FOUND, e.getMessage());
      case ALREADY_EXISTS -> ErrorResponses.of(ErrorCode.PRECONDITION_FAILED,
          e.getMessage() + " and If-None-Match: * asked to create only");
      case TOO_LARGE -> ErrorResponses.of(ErrorCode.TOO_LARGE, e.getMessage());
      case RANGE_NOT_SATISFIABLE -> ErrorResponses.of(416, ErrorCode.RANGE_NOT_SATISFIABLE, e.getMessage())
          .header("Content-Range", "bytes */" + e.objectSize()).build();
      case INSUFFICIENT_STORAGE -> ErrorResponses.of(ErrorCode.INSUFFICIENT_STORAGE, e.getMessage());
      case UNAVAILABLE -> ErrorResponses.of(503, ErrorCode.UNAVAILABLE, e.getMessage())
          .header("Retry-After", "5").build();
    };
  }

  private static Response webApplicationFailure(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    LOG.debug("refused by Jersey: {} {}", status, e.getMessage());
    ErrorCode code = switch (status) {
      case 401 -> ErrorCode.UNAUTHORIZED;
      case 403 -> ErrorCode.FORBIDDEN;
      case 404 -> ErrorCode.NOT_FOUND;
      case 412 -> ErrorCode.PRECONDITION_FAILED;
      case 413 -> ErrorCode.TOO_LARGE;
      case 416 -> ErrorCode.RANGE_NOT_SATISFIABLE;
      case 503 -> ErrorCode.UNAVAILABLE;
      case 507 -> ErrorCode.INSUFFICIENT_STORAGE;
      default -> status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.INVALID_REQUEST;
    };
    if (status >= 500 && status != 503 && status != 507) {
      LOG.error("Jersey failed with {}; answering 503", status, e);
      status = 503;
    }
    String message = switch (status) {
      case 404 -> "no such resource; see the CVOS HTTP API for its paths";
      case 405 -> "method not allowed here; allowed: " + original.getAllowedMethods();
      case 406 -> "cannot produce a representation the Accept header allows";
      case 415 -> "unsupported Content-Type";
      default -> e.getMessage() == null ? "invalid request" : e.getMessage();
    };
    Response.ResponseBuilder response = ErrorResponses.of(status, code, message);
    if (status == 405 && !original.getAllowedMethods().isEmpty()) {
      response.header("Allow", String.join(", ", original.getAllowedMethods()));
    }
    return response.build();
  }
}
