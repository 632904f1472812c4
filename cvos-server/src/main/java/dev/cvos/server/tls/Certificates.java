package dev.cvos.server.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;

/** Reading, writing and describing X.509 certificates and PKCS12 stores. */
final class Certificates {
  private Certificates() {}

  static String sha256Fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint the certificate", e);
    }
  }

  static KeyStore loadPkcs12(Path file, String password) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password.toCharArray());
    }
    return store;
  }

  /** The certificate of the first key entry of a store. */
  static X509Certificate keyCertificate(KeyStore store) throws GeneralSecurityException {
    Enumeration<String> aliases = store.aliases();
    while (aliases.hasMoreElements()) {
      String alias = aliases.nextElement();
      if (store.isKeyEntry(alias) && store.getCertificate(alias) instanceof X509Certificate certificate) {
        return certificate;
      }
    }
    throw new KeyStoreException("the key store holds no private key with an X.509 certificate");
  }

  /** The DNS names and IP addresses of a certificate's subject alternative names. */
  static List<String> subjectAlternativeNames(X509Certificate certificate) throws CertificateParsingException {
    List<String> names = new ArrayList<>();
    Collection<List<?>> sans = certificate.getSubjectAlternativeNames();
    if (sans != null) {
      for (List<?> san : sans) {
        names.add(String.valueOf(san.get(1)));
      }
    }
    return names;
  }

  static String toPem(X509Certificate certificate) throws CertificateEncodingException {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  /** A key store without a usable key entry. */
  static final class KeyStoreException extends GeneralSecurityException {
    private static final long serialVersionUID = 1L;

    KeyStoreException(String message) {
      super(message);
    }
  }
}
