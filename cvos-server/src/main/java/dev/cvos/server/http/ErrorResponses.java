package dev.cvos.server.http;

import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Error responses with the contract's JSON body. */
final class ErrorResponses {
  private ErrorResponses() {}

  static Response.ResponseBuilder of(int status, ErrorCode code, String message) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(ErrorBody.of(code, message));
  }
}
