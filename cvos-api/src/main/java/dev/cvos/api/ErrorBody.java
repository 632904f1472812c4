package dev.cvos.api;

import java.util.Objects;

/**
 * The JSON body of every error: {@code {"error":"<code>","message":"<human text>"}}.
 *
 * @param error the machine-readable code, one of {@link ErrorCode#code()}
 * @param message a human text saying what was wrong and, where it helps, how to fix it
 */
public record ErrorBody(String error, String message) {
  public ErrorBody {
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(message, "message");
  }

  /** The body for a code. */
  public static ErrorBody of(ErrorCode code, String message) {
    return new ErrorBody(code.code(), message);
  }
}
