package dev.cvos.peer;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate a server registered (its registry row), with the URL it registered under: the
 * server answering at that URL must present exactly this certificate, and a peer presenting it as
 * its client certificate is that server.
 *
 * @param serverId the registered server's id
 * @param url its registry URL
 * @param certificate the certificate it published
 */
public record PeerCertificate(String serverId, URI url, X509Certificate certificate) {
  public PeerCertificate {
    Objects.requireNonNull(serverId, "serverId");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** {@code host:port} of the URL (port 443 when the URL has none), host in lower case, without brackets. */
  String address() {
    return address(url.getHost(), url.getPort() < 0 ? 443 : url.getPort());
  }

  static String address(String host, int port) {
    String plain = host == null ? "" : host.toLowerCase(Locale.ROOT);
    if (plain.startsWith("[") && plain.endsWith("]")) {
      plain = plain.substring(1, plain.length() - 1);
    }
    return plain + ":" + port;
  }
}
