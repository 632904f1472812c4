package dev.cvos.api;

/** The HTTP headers CVOS adds to the standard ones. */
public final class CvosHeaders {
  /** On every response: the id of the server that answered. */
  public static final String SERVER = "X-Cvos-Server";

  /** On a relayed object: the id of the server that had it. */
  public static final String SOURCE = "X-Cvos-Source";

  /** On a PUT or POST: the lower-case hex SHA-256 the body must hash to. */
  public static final String SHA256 = "X-Cvos-Sha256";

  /** On a PUT or POST: seconds after which the object is gone (an ephemeral object). */
  public static final String EXPIRES_AFTER = "X-Cvos-Expires-After";

  /**
   * Marks a request one server relays to another: it is answered from local storage only. A
   * client that is not a peer of the cluster gets {@code 403} when it sends it.
   */
  public static final String RELAYED = "X-Cvos-Relayed";

  private CvosHeaders() {}
}
