package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 413 too_large}: the body is larger than the server accepts; nothing was stored. */
public class TooLargeException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public TooLargeException(ErrorBody body, String serverId) {
    super(413, body, serverId);
  }
}
