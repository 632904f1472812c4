package dev.cvos.storage.spi;

/** A bucket or key breaks the naming rules of {@link ObjectNames}. */
public class InvalidNameException extends StorageException {
  private static final long serialVersionUID = 1L;

  public InvalidNameException(String message) {
    super(message);
  }

  public InvalidNameException(String message, Throwable cause) {
    super(message, cause);
  }
}
