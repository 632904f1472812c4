package dev.cvos.storage.spi;

/** The body does not hash to the SHA-256 the write expected. Nothing was stored. */
public class ChecksumMismatchException extends StorageException {
  private static final long serialVersionUID = 1L;

  public ChecksumMismatchException(String message) {
    super(message);
  }

  public ChecksumMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
