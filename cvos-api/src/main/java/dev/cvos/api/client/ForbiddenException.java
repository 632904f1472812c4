package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 403 forbidden}: the key is valid but the request is not allowed. */
public class ForbiddenException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public ForbiddenException(ErrorBody body, String serverId) {
    super(403, body, serverId);
  }
}
