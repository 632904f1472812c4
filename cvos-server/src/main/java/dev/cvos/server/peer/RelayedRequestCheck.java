package dev.cvos.server.peer;

import dev.cvos.api.CvosHeaders;
import java.security.cert.X509Certificate;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Mutual TLS for relayed requests: a request with {@code X-Cvos-Relayed} counts as a peer's only
 * when it came over HTTPS with a client certificate that a server registered in the registry. One
 * without such a certificate goes on without its {@code Authorization} header, so the one check of
 * the peer key further on (the API key filter, the fast path) refuses it with {@code 403
 * forbidden} as it refuses a relayed request without the peer key: the peer key alone no longer
 * makes a peer. A certificate not known yet makes the registry be read once more first (a server
 * that just joined). Requests without the marker pass untouched. See docs/architecture.md, "Peers:
 * trust and authentication".
 */
public final class RelayedRequestCheck extends Handler.Wrapper {
  private final PeerDirectory peers;

  RelayedRequestCheck(PeerDirectory peers) {
    this.peers = peers;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getHeaders().get(CvosHeaders.RELAYED) == null || fromRegisteredPeer(request)) {
      return super.handle(request, response, callback);
    }
    return super.handle(withoutCredentials(request), response, callback);
  }

  private boolean fromRegisteredPeer(Request request) {
    if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls)) {
      return false;
    }
    X509Certificate[] chain = tls.peerCertificates();
    return peers.trust().registeredPeer(chain).isPresent();
  }

  private static Request withoutCredentials(Request request) {
    HttpFields headers = HttpFields.build(request.getHeaders()).remove(HttpHeader.AUTHORIZATION).asImmutable();
    return new Request.Wrapper(request) {
      @Override
      public HttpFields getHeaders() {
        return headers;
      }
    };
  }
}
