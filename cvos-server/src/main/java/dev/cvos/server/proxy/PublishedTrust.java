package dev.cvos.server.proxy;

import dev.cvos.domain.cluster.CertificateDirectory;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.peer.PeerTrust;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.peer.PeerTruststore;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The peers' trust, for forwarding: the certificates the servers published in the registry plus
 * the configured {@code peer.truststore}, the same set the relay trusts. Until any certificate is
 * known, the JDK's certificate authorities.
 */
final class PublishedTrust implements PeerTrust {
  private final CertificateDirectory certificates;
  private final PeerConfig peer;

  PublishedTrust(CertificateDirectory certificates, PeerConfig peer) {
    this.certificates = Objects.requireNonNull(certificates, "certificates");
    this.peer = Objects.requireNonNull(peer, "peer");
  }

  /** The published certificates now, by server id. */
  Map<String, String> published() {
    return certificates.certificates();
  }

  @Override
  public Optional<KeyStore> truststore() throws PeerTransportException {
    try {
      KeyStore store = PeerTruststore.build(published(), peer.truststore(), peer.truststorePassword());
      return store.size() == 0 ? Optional.empty() : Optional.of(store);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new PeerTransportException("the peers' certificates cannot be read: " + e.getMessage(), e);
    }
  }
}
