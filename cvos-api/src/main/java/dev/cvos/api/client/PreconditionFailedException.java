package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 412 precondition_failed}: a create-only write ({@code If-None-Match: *}) found the key already stored somewhere in the cluster. */
public class PreconditionFailedException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public PreconditionFailedException(ErrorBody body, String serverId) {
    super(412, body, serverId);
  }
}
