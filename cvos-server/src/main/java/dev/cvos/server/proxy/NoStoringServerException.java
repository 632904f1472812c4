package dev.cvos.server.proxy;

/**
 * A forwarded request got no answer from a storing server: none could be reached, or the one
 * that was taking the body failed. The client gets {@code 503 unavailable} with {@code
 * Retry-After}: the object may exist, or the write may be repeated.
 */
public final class NoStoringServerException extends Exception {
  private static final long serialVersionUID = 1L;

  public NoStoringServerException(String message) {
    super(message);
  }
}
