package dev.cvos.server.tls;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CRL;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS of the HTTPS connector: serves the server's key material, and asks every client for a
 * certificate without requiring one (mutual TLS for peers; clients need none). Any certificate is
 * accepted at this level, with no list of accepted issuers sent (so a peer sends its self-signed
 * one): TLS still proves the client holds its key, and a relayed request is then let through only
 * with the certificate a server registered ({@code dev.cvos.server.peer.RelayedRequestCheck}).
 */
public final class ConnectorTls extends SslContextFactory.Server {
  public ConnectorTls(TlsMaterial material) {
    setKeyStore(material.keyStore());
    setKeyStorePassword(material.password());
    setKeyManagerPassword(material.password());
    setWantClientAuth(true);
  }

  @Override
  protected TrustManager[] getTrustManagers(KeyStore trustStore, Collection<? extends CRL> crls) {
    return new TrustManager[] {new AnyClientCertificate()};
  }

  /** Accepts any client certificate; checked per request against the registered ones. */
  private static final class AnyClientCertificate extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
      // checked per request (see the class comment)
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
      // checked per request (see the class comment)
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // checked per request (see the class comment)
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the HTTPS connector makes no outgoing connections");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the HTTPS connector makes no outgoing connections");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("the HTTPS connector makes no outgoing connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
