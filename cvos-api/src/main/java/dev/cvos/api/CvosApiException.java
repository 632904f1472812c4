package dev.cvos.api;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * A CVOS server answered with an error status: carries the status, the error body and, when the
 * answer said so ({@code X-Cvos-Server}), the id of the server that answered. The client in {@code
 * dev.cvos.api.client} throws a subclass per status of the contract ({@code NotFoundException},
 * {@code UnavailableException}, …); other statuses arrive as this class.
 */
public class CvosApiException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final ErrorBody body;
  private final String serverId;

  /** An error answer whose server is not known. */
  public CvosApiException(int status, ErrorBody body) {
    this(status, body, null);
  }

  /** An error answer from the server {@code serverId} (null when the answer did not say). */
  public CvosApiException(int status, ErrorBody body, String serverId) {
    super(status + " " + body.error() + ": " + body.message() + (serverId == null ? "" : " (server " + serverId + ")"));
    this.status = status;
    this.body = Objects.requireNonNull(body, "body");
    this.serverId = serverId;
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error body. */
  public ErrorBody body() {
    return body;
  }

  /** The error code of the body, when it is one of the contract's. */
  public ErrorCode code() {
    return ErrorCode.fromCode(body.error()).orElse(null);
  }

  /** The id of the server that answered ({@code X-Cvos-Server}), when the answer carried it. */
  public Optional<String> serverId() {
    return Optional.ofNullable(serverId);
  }
}
