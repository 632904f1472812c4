package dev.cvos.api;

import java.io.IOException;
import java.util.Objects;

/** A CVOS server answered with an error status; carries the status and the error body. */
public class CvosApiException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final ErrorBody body;

  public CvosApiException(int status, ErrorBody body) {
    super(status + " " + body.error() + ": " + body.message());
    this.status = status;
    this.body = Objects.requireNonNull(body, "body");
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
}
