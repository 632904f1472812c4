package dev.cvos.storage.spi;

/** No object exists under the key, or it has expired. */
public class ObjectNotFoundException extends StorageException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(String message) {
    super(message);
  }

  public ObjectNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
