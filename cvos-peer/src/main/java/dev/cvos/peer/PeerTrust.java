package dev.cvos.peer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Objects;
import java.util.Optional;

/**
 * Which certificates a storing server's HTTPS certificate must chain to before a request is
 * forwarded to it. A source, so that where the trust comes from (a configured PKCS12 file, the
 * certificates the servers publish in the registry, the JDK's CAs) can change without touching
 * the forwarding.
 */
@FunctionalInterface
public interface PeerTrust {

  /**
   * The trusted certificates, read now.
   *
   * @return the truststore; empty to trust the JDK's default certificate authorities
   * @throws PeerTransportException when the source cannot be read
   */
  Optional<KeyStore> truststore() throws PeerTransportException;

  /** The JDK's default certificate authorities (servers with CA-signed certificates). */
  static PeerTrust jdkDefault() {
    return Optional::empty;
  }

  /** A PKCS12 file holding the servers' certificates or their CA. */
  static PeerTrust pkcs12(Path file, String password) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(password, "password");
    return () -> {
      try (InputStream in = Files.newInputStream(file)) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(in, password.toCharArray());
        if (store.size() == 0) {
          throw new PeerTransportException("the truststore " + file + " holds no certificate", null);
        }
        return Optional.of(store);
      } catch (IOException | GeneralSecurityException e) {
        throw new PeerTransportException("the truststore " + file
            + " cannot be read as PKCS12 with the configured password: " + e.getMessage(), e);
      }
    };
  }
}
