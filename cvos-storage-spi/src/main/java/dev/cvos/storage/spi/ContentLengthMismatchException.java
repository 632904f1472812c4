package dev.cvos.storage.spi;

/** The body is shorter or longer than the write declared. Nothing was stored. */
public class ContentLengthMismatchException extends StorageException {
  private static final long serialVersionUID = 1L;

  public ContentLengthMismatchException(String message) {
    super(message);
  }

  public ContentLengthMismatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
