package dev.cvos.server.tls;

import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.TlsConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS key material: the configured PKCS12 key store, or else a self-signed certificate made
 * at first start and kept under {@code <data-dir>/tls/} ({@code self-signed.p12}, its password in
 * {@code self-signed.password}, both readable by the owner only, and {@code server.crt}, a PEM copy
 * clients can trust). The next start reuses it unless a configured host name is missing from it.
 */
public final class ServerTls {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);

  private ServerTls() {}

  /** Loads or makes the key material. */
  public static TlsMaterial load(TlsConfig tls, ServerConfig server, Clock clock) throws IOException, GeneralSecurityException {
    if (tls.keystorePath().isPresent()) {
      Path path = tls.keystorePath().get();
      KeyStore store = Certificates.loadPkcs12(path, tls.keystorePassword());
      TlsMaterial material = new TlsMaterial(store, tls.keystorePassword(), Certificates.keyCertificate(store), null);
      LOG.info("HTTPS uses the key store {}: {} (SHA-256 fingerprint {})", path,
          material.certificate().getSubjectX500Principal(), material.fingerprint());
      return material;
    }
    return selfSigned(server.dataDir().resolve("tls"), server.id(), tls.hostnames(), clock);
  }

  static TlsMaterial selfSigned(Path dir, String serverId, List<String> hostnames, Clock clock)
      throws IOException, GeneralSecurityException {
    Path storeFile = dir.resolve("self-signed.p12");
    Path passwordFile = dir.resolve("self-signed.password");
    Path pemFile = dir.resolve("server.crt");
    if (Files.exists(storeFile) && Files.exists(passwordFile)) {
      String password = Files.readString(passwordFile, StandardCharsets.UTF_8).trim();
      KeyStore store = Certificates.loadPkcs12(storeFile, password);
      X509Certificate certificate = Certificates.keyCertificate(store);
      List<String> has = Certificates.subjectAlternativeNames(certificate);
      if (has.containsAll(SelfSignedCertificate.names(hostnames))) {
        writePem(pemFile, certificate);
        TlsMaterial material = new TlsMaterial(store, password, certificate, pemFile);
        LOG.info("HTTPS uses the self-signed certificate {} made at an earlier start, for {} (SHA-256 fingerprint {})",
            storeFile, has, material.fingerprint());
        return material;
      }
      LOG.warn("the self-signed certificate {} is for {} but tls.hostnames asks for {}: making a new one",
          storeFile, has, SelfSignedCertificate.names(hostnames));
    }
    Files.createDirectories(dir);
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String password = HexFormat.of().formatHex(secret);
    KeyStore store = SelfSignedCertificate.generate(serverId, hostnames, password, clock);
    writePrivately(passwordFile, password.getBytes(StandardCharsets.UTF_8));
    Path temp = dir.resolve("self-signed.p12.tmp");
    try (OutputStream out = Files.newOutputStream(temp)) {
      store.store(out, password.toCharArray());
    }
    restrict(temp);
    Files.move(temp, storeFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    X509Certificate certificate = Certificates.keyCertificate(store);
    writePem(pemFile, certificate);
    TlsMaterial material = new TlsMaterial(store, password, certificate, pemFile);
    LOG.info("HTTPS uses a NEW self-signed certificate {} for {}; clients can trust {} (SHA-256 fingerprint {})",
        storeFile, SelfSignedCertificate.names(hostnames), pemFile, material.fingerprint());
    return material;
  }

  private static void writePem(Path file, X509Certificate certificate) throws IOException, GeneralSecurityException {
    String pem = Certificates.toPem(certificate);
    if (!Files.exists(file) || !Files.readString(file, StandardCharsets.US_ASCII).equals(pem)) {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, pem, StandardCharsets.US_ASCII);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  private static void writePrivately(Path file, byte[] content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(temp, content);
    restrict(temp);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void restrict(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      LOG.debug("{} has no POSIX permissions to restrict", file);
    }
  }
}
