package dev.cvos.server.peer;

import dev.cvos.domain.cluster.CertificateDirectory;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.peer.PeerCertificate;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.peer.PeerTrust;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What this server knows of its peers, read from the registry in one pass: the list of servers
 * ({@link PeerView}) and the certificates they registered, which {@link PeerTrust} trusts (reloaded
 * in place: a relayed body in flight is never cut). Read on one schedule ({@link
 * ClusterMaintenance}, every {@code registry.interval}) and at once when a peer presents a
 * certificate this server does not know, or is asked for a server id it does not know ({@link
 * #refreshNow}, {@link #server}, at most once per second): a server
 * that joins, or changes its certificate, is trusted within moments, not at the next interval. A
 * registry row whose certificate cannot be read is skipped (logged once with its server id); the
 * others are trusted. See docs/architecture.md, "Peers: trust and authentication".
 */
public final class PeerDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(PeerDirectory.class);
  /** The shortest gap between two reads asked for by an unknown certificate. */
  static final Duration MIN_GAP = Duration.ofSeconds(1);
  /** How long an on-demand read waits for a read in progress. */
  private static final Duration MAX_WAIT = Duration.ofSeconds(2);

  private final PeerView view;
  private final CertificateDirectory certificates;
  private final Clock clock;
  private final PeerTrust trust;
  private final ReentrantLock reading = new ReentrantLock();
  private final Set<String> malformed = ConcurrentHashMap.newKeySet();
  private Instant lastRead;
  private Set<String> trustedIds = Set.of();

  /**
   * @param trust makes the trust given the on-demand refresh (called when a certificate is unknown)
   */
  PeerDirectory(PeerView view, CertificateDirectory certificates, Clock clock, TrustFactory trust)
      throws PeerTransportException {
    this.view = view;
    this.certificates = certificates;
    this.clock = clock;
    this.trust = trust.make(this::refreshNow);
  }

  /** Makes the {@link PeerTrust} over a refresh callback. */
  @FunctionalInterface
  interface TrustFactory {
    PeerTrust make(Runnable refreshNow) throws PeerTransportException;
  }

  public PeerView view() {
    return view;
  }

  public PeerTrust trust() {
    return trust;
  }

  /**
   * The registered server with this id; when the last read does not know it (a server that joined
   * since), the registry is read once more first ({@link #refreshNow}). For a relay or a forward
   * that targets a server by id.
   */
  public Optional<ServerRecord> server(String id) {
    Optional<ServerRecord> known = view.server(id);
    if (known.isPresent()) {
      return known;
    }
    refreshNow();
    return view.server(id);
  }

  /**
   * Reads the registry and the registered certificates now (the schedule's pass). On failure the
   * last list and trust are kept and the exception propagates to the caller to log.
   */
  void refresh() throws PeerTransportException {
    reading.lock();
    try {
      read();
    } finally {
      reading.unlock();
    }
  }

  /**
   * Reads the registry once more, for a caller that met something it does not know: returns once a
   * read that started after the call has ended. Reads are at most one per {@link #MIN_GAP} (a call
   * right after a read waits for the gap to pass), and callers arriving together share one read, so
   * a burst of unknown certificates costs one read per second. Waits at most about {@code 2 s +
   * MIN_GAP}; never throws: a failure is logged and the last trust kept.
   */
  public void refreshNow() {
    Instant asked = clock.instant();
    try {
      if (!reading.tryLock(MAX_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      if (lastRead != null && !lastRead.isBefore(asked)) {
        return;
      }
      if (lastRead != null) {
        Duration wait = MIN_GAP.minus(Duration.between(lastRead, clock.instant()));
        if (!wait.isNegative() && !wait.isZero()) {
          Thread.sleep(wait.toMillis());
        }
      }
      read();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (PeerTransportException | RuntimeException e) {
      LOG.warn("re-reading the registry for an unknown peer failed; keeping the last trust", e);
    } finally {
      reading.unlock();
    }
  }

  private void read() throws PeerTransportException {
    lastRead = clock.instant();
    view.refresh();
    Map<String, String> pems = certificates.certificates();
    List<PeerCertificate> registered = new ArrayList<>();
    for (ServerRecord server : view.servers()) {
      String pem = pems.get(server.id());
      if (pem == null) {
        continue;
      }
      try {
        registered.add(new PeerCertificate(server.id(), server.url(), parse(pem)));
      } catch (CertificateException | RuntimeException e) {
        if (malformed.add(server.id() + "\n" + pem)) {
          LOG.error("the certificate registered by server {} cannot be read ({}): {} is not trusted as a peer until "
              + "it registers a valid one; the other servers are", server.id(), e.getMessage(), server.id());
        }
      }
    }
    trust.trust(registered);
    Set<String> ids = registered.stream().map(PeerCertificate::serverId).collect(Collectors.toSet());
    if (!ids.equals(trustedIds)) {
      trustedIds = Set.copyOf(ids);
      LOG.info("peers are trusted by the certificates registered by {}", ids.stream().sorted().toList());
    }
  }

  /** The server's certificate: the first of a PEM text (a chain may follow). */
  private static X509Certificate parse(String pem) throws CertificateException {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    var parsed = x509.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    if (parsed.isEmpty() || !(parsed.iterator().next() instanceof X509Certificate certificate)) {
      throw new CertificateException("no X.509 certificate in the PEM text");
    }
    return certificate;
  }
}
