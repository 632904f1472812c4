package dev.cvos.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust material for a cluster's certificates: a TLS context that trusts exactly the certificates
 * of a key store, and a key store made of certificate files (PEM or DER; a server's self-signed
 * {@code data/tls/server.crt}, or the CA that signed the cluster's certificates).
 */
public final class CvosTls {
  private CvosTls() {}

  /** A TLS context that trusts the certificates of {@code trustStore}, and only them. */
  public static SSLContext trusting(KeyStore trustStore) throws GeneralSecurityException {
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStore);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  /** An in-memory key store holding every certificate of every file. */
  public static KeyStore certificates(Collection<Path> files) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    int i = 0;
    for (Path file : files) {
      try (InputStream in = Files.newInputStream(file)) {
        for (Certificate certificate : x509.generateCertificates(in)) {
          store.setCertificateEntry("cvos-" + i++, certificate);
        }
      }
    }
    return store;
  }

  /** Reads a key store file (PKCS12 or JKS, told apart by its content). */
  public static KeyStore load(Path file, char[] password) throws IOException, GeneralSecurityException {
    return KeyStore.getInstance(file.toFile(), password);
  }
}
