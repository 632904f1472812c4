package dev.cvos.storage.spi;

import java.io.IOException;

/**
 * The base of the typed failures a store reports. The server maps each subclass to an HTTP answer;
 * any other {@link IOException} from a store is treated as the backend being unavailable.
 */
public abstract class StorageException extends IOException {
  private static final long serialVersionUID = 1L;

  protected StorageException(String message) {
    super(message);
  }

  protected StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
