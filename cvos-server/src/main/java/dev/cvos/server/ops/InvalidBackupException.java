package dev.cvos.server.ops;

/** A file that is not a complete, readable CVOS backup. */
public final class InvalidBackupException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidBackupException(String message) {
    super(message);
  }
}
