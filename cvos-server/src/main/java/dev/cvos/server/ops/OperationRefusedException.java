package dev.cvos.server.ops;

/**
 * An operation this server must not run in its role or storage mode; the message says why and
 * what to run instead.
 */
public final class OperationRefusedException extends Exception {
  private static final long serialVersionUID = 1L;

  public OperationRefusedException(String message) {
    super(message);
  }
}
