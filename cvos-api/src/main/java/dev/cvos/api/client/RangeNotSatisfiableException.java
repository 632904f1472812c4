package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 416 range_not_satisfiable}: the requested byte range holds no byte of the object. */
public class RangeNotSatisfiableException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public RangeNotSatisfiableException(ErrorBody body, String serverId) {
    super(416, body, serverId);
  }
}
