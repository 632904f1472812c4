package dev.cvos.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * HTTPS: {@code tls.*}.
 *
 * <ul>
 *   <li>{@code tls.keystore.path}: a PKCS12 key store with the server's key and certificate chain.
 *       When unset, the server makes a self-signed certificate at first start, keeps it under
 *       {@code <data-dir>/tls/} and reuses it.
 *   <li>{@code tls.keystore.password}: its password (secret: never logged).
 *   <li>{@code tls.hostnames}: extra DNS names or IP addresses the self-signed certificate is
 *       valid for, besides {@code localhost} and {@code 127.0.0.1}.
 *   <li>{@code tls.sni-host-check}: whether a TLS client's SNI must match the certificate;
 *       default true.
 * </ul>
 */
public final class TlsConfig {
  private final Path keystorePath;
  private final String keystorePassword;
  private final List<String> hostnames;
  private final boolean sniHostCheck;

  public TlsConfig(ConfigValues values, Path baseDir) {
    this.keystorePath = values.path("tls.keystore.path", null, baseDir);
    this.keystorePassword = values.string("tls.keystore.password", null);
    this.hostnames = Arrays.stream(values.string("tls.hostnames", "").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    this.sniHostCheck = values.bool("tls.sni-host-check", true);
    if (keystorePath != null) {
      if (!Files.isReadable(keystorePath)) {
        values.error("tls.keystore.path", "is " + keystorePath
            + ", which cannot be read; give a readable PKCS12 file, or remove the key to use a self-signed certificate");
      }
      if (keystorePassword == null) {
        values.error("tls.keystore.password", "is not set; give the password of " + keystorePath);
      }
    }
    for (String name : hostnames) {
      if (!name.matches("[A-Za-z0-9.:*-]+")) {
        values.error("tls.hostnames", "holds '" + name + "', not a host name or IP address");
      }
    }
  }

  /** The configured key store; empty to use the self-signed certificate. */
  public Optional<Path> keystorePath() {
    return Optional.ofNullable(keystorePath);
  }

  public String keystorePassword() {
    return keystorePassword;
  }

  public List<String> hostnames() {
    return hostnames;
  }

  public boolean sniHostCheck() {
    return sniHostCheck;
  }

  @Override
  public String toString() {
    return "TlsConfig[keystore=" + keystorePath + ", password=" + (keystorePassword == null ? "unset" : "***")
        + ", hostnames=" + hostnames + ", sniHostCheck=" + sniHostCheck + "]";
  }
}
