package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 401 unauthorized}: the client sent no API key, or one the server does not accept. Retrying does not help; fix the key. */
public class UnauthorizedException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public UnauthorizedException(ErrorBody body, String serverId) {
    super(401, body, serverId);
  }
}
