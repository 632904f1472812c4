package dev.cvos.peer;

/** A peer answered something that is not the CVOS protocol: missing or malformed headers or JSON. */
final class PeerProtocolException extends Exception {
  private static final long serialVersionUID = 1L;

  PeerProtocolException(String message) {
    super(message);
  }

  PeerProtocolException(String message, Throwable cause) {
    super(message, cause);
  }
}
