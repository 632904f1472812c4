package dev.cvos.server.peer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosJson;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ErrorCode;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Mutual TLS for relayed requests: a request with {@code X-Cvos-Relayed} is let through only when
 * it came over HTTPS with a client certificate that a server registered in the registry (the peer
 * key it must carry as well is checked further on); otherwise it is refused with {@code 403
 * forbidden} before anything else reads it. A certificate not known yet makes the registry be read
 * once more first (a server that just joined). Requests without the marker pass untouched. See
 * docs/architecture.md, "Peers: trust and authentication".
 */
public final class RelayedRequestCheck extends Handler.Wrapper {
  private static final String REFUSED = CvosHeaders.RELAYED + " is only accepted from peers of the cluster: over "
      + "HTTPS with the client certificate a server registered, and the cluster's peer key";

  private final PeerDirectory peers;
  private final byte[] refusal;

  RelayedRequestCheck(PeerDirectory peers) {
    this.peers = peers;
    ObjectMapper json = CvosJson.newMapper();
    try {
      this.refusal = json.writeValueAsBytes(ErrorBody.of(ErrorCode.FORBIDDEN, REFUSED));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the refusal cannot be written as JSON", e);
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (request.getHeaders().get(CvosHeaders.RELAYED) == null || fromRegisteredPeer(request)) {
      return super.handle(request, response, callback);
    }
    response.setStatus(ErrorCode.FORBIDDEN.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, refusal.length);
    response.write(true, ByteBuffer.wrap(refusal), callback);
    return true;
  }

  private boolean fromRegisteredPeer(Request request) {
    if (!(request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData tls)) {
      return false;
    }
    X509Certificate[] chain = tls.peerCertificates();
    return peers.trust().registeredPeer(chain).isPresent();
  }
}
