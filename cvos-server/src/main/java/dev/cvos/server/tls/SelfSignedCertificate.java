package dev.cvos.server.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes a self-signed server certificate (EC P-256, SHA-256 with ECDSA) whose subject alternative
 * names are {@code localhost}, {@code 127.0.0.1} and the given host names, so that clients that
 * check names and Jetty's SNI check both accept it.
 */
final class SelfSignedCertificate {
  static final String ALIAS = "cvos";
  private static final Duration VALIDITY = Duration.ofDays(5 * 365);

  private SelfSignedCertificate() {}

  /** The names the certificate is valid for: localhost, 127.0.0.1, then {@code hostnames}. */
  static List<String> names(List<String> hostnames) {
    Set<String> names = new LinkedHashSet<>();
    names.add("localhost");
    names.add("127.0.0.1");
    names.addAll(hostnames);
    return new ArrayList<>(names);
  }

  static KeyStore generate(String serverId, List<String> hostnames, String password, Clock clock)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
    KeyPair keys = generator.generateKeyPair();
    Instant now = clock.instant();
    X500Name subject = new X500Name("CN=" + serverId + ",O=CVOS self-signed");
    List<GeneralName> sans = new ArrayList<>();
    for (String name : names(hostnames)) {
      sans.add(isIpAddress(name) ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name));
    }
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
          new BigInteger(127, new SecureRandom()), Date.from(now.minus(Duration.ofMinutes(5))),
          Date.from(now.plus(VALIDITY)), subject, keys.getPublic());
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
      X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
      KeyStore store = KeyStore.getInstance("PKCS12");
      try {
        store.load(null, null);
      } catch (java.io.IOException e) {
        throw new GeneralSecurityException("cannot create an empty PKCS12 store", e);
      }
      store.setKeyEntry(ALIAS, keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
      return store;
    } catch (OperatorCreationException | java.io.IOException e) {
      throw new GeneralSecurityException("cannot build the self-signed certificate: " + e.getMessage(), e);
    }
  }

  static boolean isIpAddress(String name) {
    return name.matches("(\\d{1,3}\\.){3}\\d{1,3}") || name.contains(":");
  }
}
