package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;

/**
 * Gives the contract's JSON body to an error Jersey answers by itself without one (a header it
 * cannot parse, such as {@code Content-Type: ///}, becomes a bare 400 inside Jersey).
 */
public final class BareErrorFilter implements ContainerResponseFilter {
  @Inject
  public BareErrorFilter() {}

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    int status = response.getStatus();
    if (status < 400 || response.hasEntity()) {
      return;
    }
    ErrorCode code = ErrorCode.ofStatus(status);
    String reason = response.getStatusInfo().getReasonPhrase();
    response.setEntity(ErrorBody.of(code, "the request was refused: " + (reason == null ? status : reason)
        + " (a header may be malformed)"), null, MediaType.APPLICATION_JSON_TYPE);
  }
}
