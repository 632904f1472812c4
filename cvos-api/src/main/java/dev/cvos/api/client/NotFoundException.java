package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 404 not_found}: every storing server that could hold the object answered that it does not (or an ephemeral object expired). Not the same as {@link UnavailableException}. */
public class NotFoundException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public NotFoundException(ErrorBody body, String serverId) {
    super(404, body, serverId);
  }
}
