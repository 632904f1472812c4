package dev.cvos.storage.spi;

/** The store lacks the {@link StoreCapability} an operation needs. */
public class UnsupportedStoreOperationException extends StorageException {
  private static final long serialVersionUID = 1L;

  public UnsupportedStoreOperationException(String message) {
    super(message);
  }

  public UnsupportedStoreOperationException(String message, Throwable cause) {
    super(message, cause);
  }
}
