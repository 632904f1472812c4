package dev.cvos.domain.cluster;

import java.util.Map;

/**
 * The HTTPS certificates the servers of the cluster publish next to their registry entry, so peers
 * trust each other without a manual step: a server trusts exactly the certificates registered here
 * (plus an optional configured truststore). Whoever can write this table can already rewrite the
 * registry's URLs, so it adds no new trust in the database.
 */
public interface CertificateDirectory {
  /**
   * Publishes (or replaces) the PEM text of a registered server's certificate.
   *
   * @throws IllegalStateException when the server is not registered
   */
  void publish(String serverId, String certificatePem);

  /** The published certificate of every registered server that published one, by server id. */
  Map<String, String> certificates();
}
