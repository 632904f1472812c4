package dev.cvos.api.client;

import java.net.ConnectException;
import java.net.URI;
import java.util.List;

/**
 * No server of the client's list accepted a connection (refused, unresolvable, or the connect
 * timeout passed). Nothing was sent, so the request can be repeated as it is. The failure of each
 * server is attached as a suppressed exception.
 */
public class NoServerReachableException extends ConnectException {
  private static final long serialVersionUID = 1L;

  /** The servers that were tried, in order. */
  public NoServerReachableException(List<URI> tried) {
    super("no CVOS server could be reached: tried " + tried);
  }
}
