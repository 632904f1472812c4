package dev.cvos.storage.spi;

/** A {@link WriteMode#CREATE_ONLY} write found an object under the key. */
public class ObjectAlreadyExistsException extends StorageException {
  private static final long serialVersionUID = 1L;

  public ObjectAlreadyExistsException(String message) {
    super(message);
  }

  public ObjectAlreadyExistsException(String message, Throwable cause) {
    super(message, cause);
  }
}
