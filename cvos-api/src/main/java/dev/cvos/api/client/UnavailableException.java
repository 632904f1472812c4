package dev.cvos.api.client;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorBody;
import java.time.Duration;
import java.util.Optional;

/**
 * {@code 503 unavailable}: a server that could hold the object (or the storage, or the database)
 * did not answer in time, so the answer is not known: the object may exist. The client already
 * asked every server it was given before throwing this (see {@link CvosClient}); try again after
 * {@link #retryAfter()}.
 */
public class UnavailableException extends CvosApiException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** The answer {@code body} of server {@code serverId} (null when unknown). */
  public UnavailableException(ErrorBody body, String serverId, Duration retryAfter) {
    super(503, body, serverId);
    this.retryAfter = retryAfter;
  }

  /** The server's {@code Retry-After}, when it sent one in seconds. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
