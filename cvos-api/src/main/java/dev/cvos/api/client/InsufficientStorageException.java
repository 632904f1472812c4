package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/** {@code 507 insufficient_storage}: the storage has no room for the object; nothing was stored. */
public class InsufficientStorageException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public InsufficientStorageException(ErrorBody body, String serverId) {
    super(507, body, serverId);
  }
}
