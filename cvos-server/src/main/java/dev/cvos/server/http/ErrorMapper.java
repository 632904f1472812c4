package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.ErrorCode;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures in Jersey become HTTP answers: the contract's status and JSON error body, as
 * {@link ErrorAnswer} makes them for every failure (and for Jersey's own refusals, such as 405 or
 * 415, here, with the code of their status: {@link ErrorCode#ofStatus}).
 */
public final class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

  @Inject
  public ErrorMapper() {}

  @Override
  public Response toResponse(Throwable failure) {
    if (failure instanceof WebApplicationException e) {
      return webApplicationFailure(e);
    }
    return toResponse(ErrorAnswer.of(failure));
  }

  private static Response toResponse(ErrorAnswer answer) {
    Response.ResponseBuilder response = ErrorResponses.of(answer.status(), answer.code(), answer.message());
    answer.headers().forEach(response::header);
    return response.build();
  }

  private static Response webApplicationFailure(WebApplicationException e) {
    Response original = e.getResponse();
    int status = original.getStatus();
    LOG.debug("refused by Jersey: {} {}", status, e.getMessage());
    ErrorCode code = ErrorCode.ofStatus(status);
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
