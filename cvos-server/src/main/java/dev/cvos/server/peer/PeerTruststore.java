package dev.cvos.server.peer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the PKCS12 truststore the peer transport loads: the certificates the servers published
 * in the registry, plus the trusted certificates of an optional configured truststore. It holds
 * public certificates only; its password protects nothing secret and is generated per process.
 */
final class PeerTruststore {
  private PeerTruststore() {}

  /**
   * Writes the truststore to {@code file} (atomically replaced).
   *
   * @return how many certificates it holds
   */
  static int write(Path file, String password, Map<String, String> publishedPems, Optional<Path> extra,
      String extraPassword) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    for (Map.Entry<String, String> published : publishedPems.entrySet()) {
      int n = 0;
      for (Certificate certificate : x509.generateCertificates(
          new ByteArrayInputStream(published.getValue().getBytes(StandardCharsets.US_ASCII)))) {
        store.setCertificateEntry("registry-" + published.getKey() + "-" + n++, certificate);
      }
    }
    if (extra.isPresent()) {
      KeyStore configured = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(extra.get())) {
        configured.load(in, extraPassword.toCharArray());
      }
      for (String alias : Collections.list(configured.aliases())) {
        Certificate certificate = configured.getCertificate(alias);
        if (certificate != null) {
          store.setCertificateEntry("configured-" + alias, certificate);
        }
      }
    }
    Files.createDirectories(file.toAbsolutePath().getParent());
    Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".peer-truststore", ".tmp");
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        store.store(out, password.toCharArray());
      }
      Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
    return store.size();
  }
}
