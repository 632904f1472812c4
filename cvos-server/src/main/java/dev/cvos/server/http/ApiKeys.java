package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.ErrorCode;
import dev.cvos.server.config.AuthConfig;
import dev.cvos.server.config.PeerConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which {@code Authorization} headers are accepted: a client's API key, or (on a relayed request)
 * the cluster's peer key. Keys are compared in constant time (SHA-256 digests with {@link
 * MessageDigest#isEqual}, every configured key tried). Shared by {@link ApiKeyFilter} and the
 * object read handler in front of Jersey ({@code dev.cvos.server.object}), so both accept exactly
 * the same requests.
 */
public final class ApiKeys {
  private static final String BEARER = "bearer ";

  private final List<byte[]> keyDigests;
  private final boolean developmentMode;
  private final List<byte[]> peerKeyDigest;

  @Inject
  public ApiKeys(AuthConfig auth, PeerConfig peer) {
    this.keyDigests = auth.apiKeys().stream().map(ApiKeys::digest).toList();
    this.developmentMode = auth.developmentMode();
    this.peerKeyDigest = peer.key().map(ApiKeys::digest).stream().toList();
  }

  /**
   * Why a request is refused, if it is: a request with the relayed marker without the peer key is
   * 403 {@code forbidden} (a client cannot make a server answer from its own storage only); any
   * other without a valid API key 401 {@code unauthorized}, with {@code WWW-Authenticate}.
   */
  public Optional<ApiException> refusal(String authorization, boolean relayed) {
    if (relayed) {
      // Refused at once and the connection closed: the body of a refused upload is never read.
      return peerAllowed(authorization) ? Optional.empty() : Optional.of(new ApiException(ErrorCode.FORBIDDEN,
          ErrorCode.FORBIDDEN.status(), CvosHeaders.RELAYED
          + " is only accepted from peers of the cluster, with the cluster's peer key",
          Map.of("Connection", RefusedBodies.CLOSE)));
    }
    return clientAllowed(authorization) ? Optional.empty() : Optional.of(new ApiException(ErrorCode.UNAUTHORIZED,
        401, "send a valid API key as 'Authorization: Bearer <key>'",
        Map.of("WWW-Authenticate", "Bearer realm=\"cvos\"", "Connection", RefusedBodies.CLOSE)));
  }

  /** Whether a client request (without the relayed marker) may pass. */
  public boolean clientAllowed(String authorization) {
    return developmentMode || validKey(authorization, keyDigests);
  }

  /** Whether a request with the relayed marker carries the cluster's peer key. */
  public boolean peerAllowed(String authorization) {
    return validKey(authorization, peerKeyDigest);
  }

  private static boolean validKey(String authorization, List<byte[]> digests) {
    if (authorization == null || authorization.length() <= BEARER.length()
        || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return false;
    }
    byte[] presented = digest(authorization.substring(BEARER.length()).trim());
    boolean match = false;
    for (byte[] key : digests) {
      match |= MessageDigest.isEqual(presented, key);
    }
    return match;
  }

  private static byte[] digest(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from the JDK", e);
    }
  }
}
