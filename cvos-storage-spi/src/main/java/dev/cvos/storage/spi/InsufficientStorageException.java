package dev.cvos.storage.spi;

/** The backend has no room for the object. Nothing of it is left behind. */
public class InsufficientStorageException extends StorageException {
  private static final long serialVersionUID = 1L;

  public InsufficientStorageException(String message) {
    super(message);
  }

  public InsufficientStorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
