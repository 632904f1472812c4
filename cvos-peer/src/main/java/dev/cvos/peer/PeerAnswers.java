package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.domain.relay.PeerAnswer.Cause;
import java.net.URI;
import org.eclipse.jetty.client.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps what a peer answered (or how the exchange failed) to a {@link PeerAnswer}, logging what an
 * operator must fix: 404 with the JSON error {@code not_found} not found; 416 range not
 * satisfiable; 401/403 rejected; 5xx server error; TLS and connection failures; anything else
 * protocol.
 */
final class PeerAnswers {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPeerGateway.class);

  private final PeerResponses responses;

  PeerAnswers(PeerResponses responses) {
    this.responses = responses;
  }

  <T> PeerAnswer<T> errorAnswer(String method, ServerRecord peer, URI uri, Response response, byte[] body)
      throws PeerProtocolException {
    int status = response.getStatus();
    String what = method + " " + uri + " answered " + status;
    if (status == 404) {
      // A CVOS 404 carries the not_found error body; a HEAD has no body, so there the CVOS header
      // X-Cvos-Server must be present. A bare 404 (a proxy, a wrong URL) never means "not found".
      boolean cvosNotFound = method.equals("HEAD")
          ? response.getHeaders().contains(CvosHeaders.SERVER)
          : responses.errorCode(body).filter("not_found"::equals).isPresent();
      if (cvosNotFound) {
        return new PeerAnswer.NotFound<>();
      }
      throw new PeerProtocolException("answered 404 without the CVOS not_found error body");
    }
    if (status == 416) {
      return new PeerAnswer.RangeNotSatisfiable<>(responses.unsatisfiedSize(response.getHeaders()));
    }
    if (status == 401 || status == 403) {
      LOG.warn("Peer {} refused a relayed request ({}): do the servers share one peer key?",
          peer.id(), what);
      return new PeerAnswer.Unavailable<>(Cause.REJECTED, what + " (peer key refused)");
    }
    if (status >= 500) {
      return new PeerAnswer.Unavailable<>(Cause.SERVER_ERROR, what);
    }
    throw new PeerProtocolException("unexpected status " + status);
  }

  static void checkServer(ServerRecord peer, Response response) {
    String answeredBy = response.getHeaders().get(CvosHeaders.SERVER);
    if (answeredBy != null && !answeredBy.equals(peer.id())) {
      LOG.warn("Peer {} at {} answered as server {}: the registry URL points at another server",
          peer.id(), peer.url(), answeredBy);
    }
  }

  static <T> PeerAnswer<T> notHttps(ServerRecord peer) {
    LOG.warn("Peer {} is registered with {}, not https: it is never asked (the peer key is never "
        + "sent in clear)", peer.id(), peer.url());
    return new PeerAnswer.Unavailable<>(Cause.PROTOCOL, peer.id() + " has no https URL: " + peer.url());
  }

  static <T> PeerAnswer<T> timedOut(String method, URI uri) {
    return new PeerAnswer.Unavailable<>(Cause.TIMEOUT, method + " " + uri + " timed out");
  }

  static <T> PeerAnswer<T> cancelled(String method, URI uri) {
    return new PeerAnswer.Unavailable<>(Cause.CANCELLED, method + " " + uri + " cancelled");
  }

  static <T> PeerAnswer<T> protocol(String method, ServerRecord peer, URI uri, Exception e) {
    LOG.warn("Peer {} broke the protocol on {} {}: {}", peer.id(), method, uri, e.getMessage());
    return new PeerAnswer.Unavailable<>(Cause.PROTOCOL, method + " " + uri + ": " + e.getMessage());
  }

  static <T> PeerAnswer<T> failed(String method, ServerRecord peer, URI uri, Throwable cause) {
    PeerFailures.Failure failure = PeerFailures.classify(cause);
    if (failure.toLog()) {
      LOG.warn("TLS with peer {} at {} failed, it is not talked to: {}", peer.id(), uri, failure.detail());
    }
    return new PeerAnswer.Unavailable<>(failure.cause(), method + " " + uri + ": " + failure.detail());
  }
}
