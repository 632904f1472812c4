package dev.cvos.peer;

import java.time.Duration;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The Jetty HTTPS client both peer transports (relay and forwarding) are built on: mutual TLS
 * with {@link PeerTrust} (the peer's certificate verified, with host name checks; this server's
 * certificate presented), TCP_NODELAY, one selector, no redirects, no cookies. Not started.
 */
final class JettyClients {
  private JettyClients() {}

  static HttpClient create(String name, PeerTrust trust, Duration connectTimeout, Duration idleTimeout,
      int maxConnectionsPerDestination) {
    SslContextFactory.Client tls = new SslContextFactory.Client();
    // The peer's certificate is checked by PeerTrust (registered certificates, reloaded in place),
    // and this server's certificate is presented as the client certificate (mutual TLS).
    tls.setSslContext(trust.clientContext());
    tls.setTrustAll(false);
    // Host name verification: the certificate must name the host of the peer's registry URL.
    tls.setEndpointIdentificationAlgorithm("HTTPS");

    ClientConnector connector = new ClientConnector();
    connector.setSslContextFactory(tls);
    connector.setConnectTimeout(connectTimeout);
    connector.setIdleTimeout(idleTimeout);
    connector.setTCPNoDelay(true);
    connector.setSelectors(1);

    HttpClient client = new HttpClient(new HttpClientTransportOverHTTP(connector));
    client.setName(name);
    client.setFollowRedirects(false);
    // Peers never set cookies; a stored one would be replayed on every later request (another
    // client's, for the forwarder). The empty store also spares building a URI per request.
    client.setHttpCookieStore(new HttpCookieStore.Empty());
    client.setMaxConnectionsPerDestination(maxConnectionsPerDestination);
    return client;
  }
}
