package dev.cvos.peer;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who this server's peers are, for both peer transports (the relay's {@link HttpPeerGateway} and
 * the {@link PeerForwarder}) and for the server side of mutual TLS: the certificates the servers
 * registered ({@link #trust}), plus the configured certificate authorities, and the identity
 * (key and certificate) this server presents to its peers as its client certificate.
 *
 * <p>When this server connects to a peer, the peer's certificate must chain to a registered
 * certificate or a configured authority with the host of its registry URL in it (host name
 * verification), and, when a registry row at that address published a certificate, be exactly
 * that certificate; a certificate registered for another address is refused too. A peer presenting
 * a client certificate is a registered peer only when that certificate is one a server registered
 * ({@link #registeredPeer}).
 *
 * <p>Reloaded in place: {@link #trust} swaps the set, the next handshake uses it; connections open
 * and bodies in flight are untouched. A certificate not in the set (a server joined, or renewed its
 * certificate, after the last registry read) makes this ask for a refresh at once ({@code
 * refreshNow}, rate-limited by whoever supplies it) and look again before refusing. A refusal is
 * logged once per address and certificate. Thread-safe.
 */
public final class PeerTrust {
  private static final Logger LOG = LoggerFactory.getLogger(PeerTrust.class);

  private record Snapshot(Map<String, PeerCertificate> byFingerprint, Map<String, Set<String>> byAddress,
      X509ExtendedTrustManager pkix) {}

  private final List<X509Certificate> authorities;
  private final Runnable refreshNow;
  private final SSLContext clientContext;
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private volatile Snapshot snapshot;

  private PeerTrust(KeyManager[] identity, Collection<X509Certificate> authorities, Runnable refreshNow)
      throws PeerTransportException {
    this.authorities = List.copyOf(authorities);
    this.refreshNow = Objects.requireNonNull(refreshNow, "refreshNow");
    this.snapshot = snapshot(List.of());
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(identity, new TrustManager[] {new ServerCertificateCheck()}, null);
      this.clientContext = context;
    } catch (GeneralSecurityException e) {
      throw new PeerTransportException("the peers' TLS context cannot be made: " + e.getMessage(), e);
    }
  }

  /**
   * Trust for a server: it presents {@code identity} (a PKCS12 store with its key entry, the key
   * under {@code password}) as its client certificate, trusts what {@link #trust} registers plus
   * {@code authorities}, and runs {@code refreshNow} when it meets a certificate it does not know.
   */
  public static PeerTrust of(KeyStore identity, String password, Collection<X509Certificate> authorities,
      Runnable refreshNow) throws PeerTransportException {
    try {
      KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(identity, password.toCharArray());
      return new PeerTrust(keys.getKeyManagers(), authorities, refreshNow);
    } catch (GeneralSecurityException e) {
      throw new PeerTransportException("this server's key cannot be used as a client certificate: "
          + e.getMessage(), e);
    }
  }

  /**
   * Fixed trust without an identity: the certificates of a PKCS12 file (the servers' certificates
   * or their CA); no client certificate is presented.
   */
  public static PeerTrust pkcs12(Path file, String password) throws PeerTransportException {
    List<X509Certificate> certificates = certificates(file, password);
    if (certificates.isEmpty()) {
      throw new PeerTransportException("the truststore " + file + " holds no certificate", null);
    }
    return new PeerTrust(null, certificates, () -> { });
  }

  /** The certificates of a PKCS12 truststore (for {@code peer.truststore}). */
  public static List<X509Certificate> certificates(Path file, String password) throws PeerTransportException {
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      List<X509Certificate> certificates = new ArrayList<>();
      for (String alias : Collections.list(store.aliases())) {
        if (store.getCertificate(alias) instanceof X509Certificate certificate) {
          certificates.add(certificate);
        }
      }
      return certificates;
    } catch (IOException | GeneralSecurityException e) {
      throw new PeerTransportException("the truststore " + file
          + " cannot be read as PKCS12 with the configured password: " + e.getMessage(), e);
    }
  }

  /** Trusts exactly these registered certificates (and the authorities) from the next handshake on. */
  public void trust(Collection<PeerCertificate> registered) throws PeerTransportException {
    Snapshot next = snapshot(registered);
    if (!next.byFingerprint().keySet().equals(snapshot.byFingerprint().keySet())
        || !next.byAddress().equals(snapshot.byAddress())) {
      snapshot = next;
      forgetSessions();
    }
  }

  /**
   * Drops the cached TLS sessions: a resumed session skips the peer's certificate, so after a
   * change every new connection must be checked against the new set.
   */
  private void forgetSessions() {
    SSLSessionContext sessions = clientContext.getClientSessionContext();
    for (byte[] id : Collections.list(sessions.getIds())) {
      SSLSession session = sessions.getSession(id);
      if (session != null) {
        session.invalidate();
      }
    }
  }

  /** How many registered certificates are trusted now. */
  public int registeredCount() {
    return snapshot.byFingerprint().size();
  }

  /** The TLS context of the peer clients: this server's identity, the peers' certificates checked here. */
  SSLContext clientContext() {
    return clientContext;
  }

  /**
   * The registered server whose certificate a client presented (its chain, leaf first); after an
   * unknown certificate the registry is read once more (rate-limited). Empty when there is none.
   */
  public Optional<PeerCertificate> registeredPeer(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return Optional.empty();
    }
    String fingerprint = fingerprint(chain[0]);
    PeerCertificate peer = snapshot.byFingerprint().get(fingerprint);
    if (peer == null) {
      refreshNow.run();
      peer = snapshot.byFingerprint().get(fingerprint);
    }
    if (peer == null && reported.add("client " + fingerprint)) {
      LOG.warn("a relayed request came with the client certificate {} (SHA-256 {}), which no registered server "
          + "published: refused", chain[0].getSubjectX500Principal(), fingerprint);
    }
    return Optional.ofNullable(peer);
  }

  private Snapshot snapshot(Collection<PeerCertificate> registered) throws PeerTransportException {
    Map<String, PeerCertificate> byFingerprint = new HashMap<>();
    Map<String, Set<String>> byAddress = new HashMap<>();
    for (PeerCertificate peer : registered) {
      String fingerprint = fingerprint(peer.certificate());
      byFingerprint.putIfAbsent(fingerprint, peer);
      byAddress.computeIfAbsent(peer.address(), a -> new HashSet<>()).add(fingerprint);
    }
    if (byFingerprint.isEmpty() && authorities.isEmpty()) {
      return new Snapshot(Map.of(), Map.of(), null);
    }
    try {
      KeyStore anchors = KeyStore.getInstance("PKCS12");
      anchors.load(null, null);
      int n = 0;
      for (PeerCertificate peer : byFingerprint.values()) {
        anchors.setCertificateEntry("registered-" + n++, peer.certificate());
      }
      for (X509Certificate authority : authorities) {
        anchors.setCertificateEntry("authority-" + n++, authority);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
      factory.init(anchors);
      for (TrustManager manager : factory.getTrustManagers()) {
        if (manager instanceof X509ExtendedTrustManager pkix) {
          return new Snapshot(Map.copyOf(byFingerprint), Map.copyOf(byAddress), pkix);
        }
      }
      throw new PeerTransportException("the JDK offers no X.509 trust manager", null);
    } catch (IOException | GeneralSecurityException e) {
      throw new PeerTransportException("the peers' certificates cannot be trusted: " + e.getMessage(), e);
    }
  }

  static String fingerprint(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  private static void verify(Snapshot trusted, X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    if (trusted.pkix() == null) {
      throw new CertificateException("no peer certificate is known yet");
    }
    trusted.pkix().checkServerTrusted(chain, authType, engine);
    String address = PeerCertificate.address(engine.getPeerHost(), engine.getPeerPort());
    String presented = fingerprint(chain[0]);
    Set<String> expected = trusted.byAddress().getOrDefault(address, Set.of());
    PeerCertificate registered = trusted.byFingerprint().get(presented);
    if (!expected.isEmpty() && !expected.contains(presented)) {
      throw new CertificateException("the server at " + address + " presents a certificate other than the one "
          + "registered for that URL");
    }
    if (expected.isEmpty() && registered != null) {
      throw new CertificateException("the server at " + address + " presents the certificate " + registered.serverId()
          + " registered for " + registered.url());
    }
  }

  /** Checks the certificate of a peer this server connects to; see the class comment. */
  private final class ServerCertificateCheck extends X509ExtendedTrustManager {
    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      Snapshot seen = snapshot;
      try {
        verify(seen, chain, authType, engine);
      } catch (CertificateException first) {
        refreshNow.run();
        Snapshot now = snapshot;
        if (now == seen) {
          throw refused(first, chain, engine);
        }
        try {
          verify(now, chain, authType, engine);
        } catch (CertificateException second) {
          throw refused(second, chain, engine);
        }
      }
    }

    private CertificateException refused(CertificateException e, X509Certificate[] chain, SSLEngine engine) {
      String address = PeerCertificate.address(engine.getPeerHost(), engine.getPeerPort());
      String fingerprint = chain == null || chain.length == 0 ? "none" : fingerprint(chain[0]);
      boolean first = reported.add("server " + address + " " + fingerprint);
      if (first) {
        LOG.warn("the server at {} is not trusted as a peer, nothing is sent to it (certificate SHA-256 {}): {}",
            address, fingerprint, e.getMessage());
      }
      return new PeerCertificateException(address + ": " + e.getMessage(), e);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("peers are reached with an SSLEngine only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("peers are reached with an SSLEngine only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws CertificateException {
      throw new CertificateException("the peer client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
        throws CertificateException {
      throw new CertificateException("the peer client does not accept connections");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("the peer client does not accept connections");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }

  /** A peer's certificate refused by {@link PeerTrust}, which already logged it. */
  static final class PeerCertificateException extends CertificateException {
    private static final long serialVersionUID = 1L;

    PeerCertificateException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
