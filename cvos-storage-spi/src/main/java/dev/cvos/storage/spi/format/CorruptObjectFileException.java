package dev.cvos.storage.spi.format;

import dev.cvos.storage.spi.StorageException;

/**
 * A file in a store's folder is not a complete object file of a format this server reads: a
 * foreign file, a file cut short, or one whose header does not check. Stores skip such files in
 * listings and refuse to serve them.
 */
public class CorruptObjectFileException extends StorageException {
  private static final long serialVersionUID = 1L;

  public CorruptObjectFileException(String message) {
    super(message);
  }

  public CorruptObjectFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
