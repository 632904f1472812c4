package dev.cvos.peer;

/** The peer transport cannot be set up (truststore unreadable, client does not start). */
public class PeerTransportException extends Exception {
  private static final long serialVersionUID = 1L;

  public PeerTransportException(String message, Throwable cause) {
    super(message, cause);
  }
}
