package dev.cvos.peer;

/**
 * The header names of HTTP-API.md that the peer transport reads and sends, plus the ones it adds
 * for relayed requests. (Until {@code dev.cvos.api} holds the wire contract, they live here.)
 */
public final class PeerHeaders {
  /** Response: the id of the server that answered. */
  public static final String SERVER = "X-Cvos-Server";
  /** Response: the id of the server that had a relayed object. */
  public static final String SOURCE = "X-Cvos-Source";
  /** Request: the SHA-256 the uploaded body must hash to. */
  public static final String SHA256 = "X-Cvos-Sha256";
  /** Request: the seconds after which an uploaded object expires. */
  public static final String EXPIRES_AFTER = "X-Cvos-Expires-After";
  /**
   * Request: marks a relayed request, sent with value {@link #RELAYED_VALUE} by a peer only. The
   * receiver answers it from its own storage and never relays it again; from a client that is not
   * an authenticated peer it is refused with 403.
   */
  public static final String RELAYED = "X-Cvos-Relayed";
  /** The value of {@link #RELAYED}. */
  public static final String RELAYED_VALUE = "1";
  /**
   * Response to a relayed GET or HEAD: when the object was created, ISO-8601 instant with its full
   * precision ({@code Last-Modified} has whole seconds only and is the fallback when it is absent).
   */
  public static final String CREATED = "X-Cvos-Created";
  /** Response to a relayed GET or HEAD of an ephemeral object: when it expires, ISO-8601 instant. */
  public static final String EXPIRES = "X-Cvos-Expires";

  private PeerHeaders() {}
}
