package dev.cvos.server.storage;

/** The configured store cannot be built; the message names the plugin and the fix. */
public class StoreLoadingException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreLoadingException(String message) {
    super(message);
  }

  public StoreLoadingException(String message, Throwable cause) {
    super(message, cause);
  }
}
