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

  /** The value a peer sends in {@link #RELAYED}. */
  public static final String RELAYED_VALUE = "1";

  /**
   * On a GET or HEAD of an object: when it was created, as an ISO-8601 instant with full precision
   * ({@code Last-Modified} has whole seconds only).
   */
  public static final String CREATED = "X-Cvos-Created";

  /** On a GET or HEAD of an ephemeral object: when it expires, as an ISO-8601 instant. */
  public static final String EXPIRES = "X-Cvos-Expires";

  /**
   * On a GET or HEAD of an object: the object catalog's version of it (opaque; a later write of the
   * key has a greater one).
   */
  public static final String VERSION = "X-Cvos-Version";

  private CvosHeaders() {}
}
