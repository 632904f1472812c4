package dev.cvos.storage.spi;

/** The backend cannot be reached or used now; the request may succeed later. */
public class BackendUnavailableException extends StorageException {
  private static final long serialVersionUID = 1L;

  public BackendUnavailableException(String message) {
    super(message);
  }

  public BackendUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
