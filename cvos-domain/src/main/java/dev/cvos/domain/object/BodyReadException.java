package dev.cvos.domain.object;

import java.io.IOException;

/** Reading a request body failed (the client stopped sending or went away); nothing is stored. */
public class BodyReadException extends IOException {
  private static final long serialVersionUID = 1L;

  public BodyReadException(IOException cause) {
    super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
  }
}
