package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;

/**
 * {@code 400}: the request broke a rule of the contract. {@link #code()} says which: {@code
 * invalid_name} (a bucket or key outside the naming rules), {@code invalid_request} (a malformed
 * header or parameter) or {@code checksum_mismatch} (the body did not hash to the {@code
 * X-Cvos-Sha256} sent; nothing was stored). Sending the same request again gives the same answer.
 */
public class InvalidRequestException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public InvalidRequestException(ErrorBody body, String serverId) {
    super(400, body, serverId);
  }
}
