package dev.cvos.server.tls;

import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * The key store the HTTPS connector serves, and what to tell about it.
 *
 * @param keyStore a PKCS12 key store with the server's key entry
 * @param password its password (for the store and the key)
 * @param certificate the server's certificate
 * @param certificateFile a PEM copy of the certificate clients can trust (self-signed), or null
 */
public record TlsMaterial(KeyStore keyStore, String password, X509Certificate certificate, Path certificateFile) {
  public TlsMaterial {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(certificate, "certificate");
  }

  /** The certificate's SHA-256 fingerprint, as colon-separated upper-case hex. */
  public String fingerprint() {
    return Certificates.sha256Fingerprint(certificate);
  }

  /** The certificate as PEM text, as peers find it in the registry. */
  public String certificatePem() {
    try {
      return Certificates.toPem(certificate);
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException("the server certificate cannot be encoded: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "TlsMaterial[subject=" + certificate.getSubjectX500Principal() + ", sha256=" + fingerprint() + "]";
  }
}
