package dev.cvos.api.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Builds a {@link CvosClient}: the servers to talk to, the API key, the trust material for the
 * cluster's certificates, and timeouts.
 *
 * <pre>{@code
 * CvosClient client = CvosClient.builder()
 *     .servers("https://cvos-1:8443", "https://cvos-2:8443", "https://cvos-3:8443")
 *     .apiKey(System.getenv("CVOS_API_KEY"))
 *     .trustCertificate(Path.of("/etc/myapp/cvos-ca.crt"))
 *     .build();
 * }</pre>
 */
public final class CvosClientBuilder {
  private final List<URI> servers = new ArrayList<>();
  private final List<Path> certificates = new ArrayList<>();
  private KeyStore trustStore;
  private SSLContext sslContext;
  private String apiKey;
  private Duration connectTimeout = Duration.ofSeconds(5);
  private Duration requestTimeout = Duration.ofMinutes(5);

  CvosClientBuilder() {}

  /**
   * Adds servers ({@code https://host:port}), in the order the client asks them. Any server of a
   * cluster answers every request; list several so the client can fail over.
   */
  public CvosClientBuilder servers(URI... uris) {
    for (URI uri : uris) {
      String base = Objects.requireNonNull(uri, "uri").toString();
      if (uri.getScheme() == null || uri.getHost() == null) {
        throw new IllegalArgumentException("not a server URL (https://host:port): " + uri);
      }
      servers.add(URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base));
    }
    return this;
  }

  /** Adds servers given as text. */
  public CvosClientBuilder servers(String... urls) {
    for (String url : urls) {
      servers(URI.create(url));
    }
    return this;
  }

  /** Adds servers. */
  public CvosClientBuilder servers(List<URI> uris) {
    return servers(uris.toArray(URI[]::new));
  }

  /** Sends {@code Authorization: Bearer <key>} on every request (none when null: a development server). */
  public CvosClientBuilder apiKey(String key) {
    this.apiKey = key;
    return this;
  }

  /**
   * Trusts the certificates in a PEM or DER file: a server's self-signed certificate, or the CA
   * that signed the cluster's. May be called once per file; all of them are trusted. Without any
   * trust setting, the JDK's default trust store decides.
   */
  public CvosClientBuilder trustCertificate(Path certificateFile) {
    certificates.add(Objects.requireNonNull(certificateFile, "certificateFile"));
    return this;
  }

  /** Trusts the certificates of a key store (together with any {@link #trustCertificate} files). */
  public CvosClientBuilder trustStore(KeyStore store) {
    this.trustStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /** Uses this TLS context as it is, instead of any trust store or certificate given here. */
  public CvosClientBuilder sslContext(SSLContext context) {
    this.sslContext = Objects.requireNonNull(context, "context");
    return this;
  }

  /** How long to wait for a server to accept a connection before trying the next (5 s by default). */
  public CvosClientBuilder connectTimeout(Duration timeout) {
    this.connectTimeout = positive(timeout);
    return this;
  }

  /**
   * How long to wait for the answer's headers once a request is sent (5 min by default: an upload
   * of a large object is sent within it). Reading a body is not limited by it.
   */
  public CvosClientBuilder requestTimeout(Duration timeout) {
    this.requestTimeout = positive(timeout);
    return this;
  }

  /**
   * The client.
   *
   * @throws IOException when a certificate file cannot be read
   * @throws GeneralSecurityException when the trust material is not usable
   */
  public CvosClient build() throws IOException, GeneralSecurityException {
    if (servers.isEmpty()) {
      throw new IllegalStateException("no server: call servers(...)");
    }
    HttpClient.Builder http = HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .version(HttpClient.Version.HTTP_1_1);
    SSLContext tls = tls();
    if (tls != null) {
      http.sslContext(tls);
    }
    Transport transport = new Transport(servers, http.build(), apiKey, requestTimeout);
    return new CvosClient(transport);
  }

  private SSLContext tls() throws IOException, GeneralSecurityException {
    if (sslContext != null) {
      return sslContext;
    }
    if (certificates.isEmpty() && trustStore == null) {
      return null;
    }
    KeyStore store = CvosTls.certificates(certificates);
    if (trustStore != null) {
      for (String alias : Collections.list(trustStore.aliases())) {
        if (trustStore.isCertificateEntry(alias)) {
          store.setCertificateEntry("store-" + alias, trustStore.getCertificate(alias));
        }
      }
    }
    return CvosTls.trusting(store);
  }

  private static Duration positive(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("a timeout must be positive, was " + timeout);
    }
    return timeout;
  }
}
