package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.relay.Deadline;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.StoredObject;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PeerTrust} under a real gateway and real HTTPS peers: the registered certificates are
 * reloaded in place and read again when a peer's certificate is unknown; a row's URL must answer
 * with that row's certificate.
 */
class PeerTrustTest {
  @TempDir static Path dir;

  static TestCertificates peerCertificates;
  static TestCertificates otherCertificates;
  static TestPeer peer;

  @BeforeAll
  static void start() throws Exception {
    peerCertificates = TestCertificates.generate(dir, "peer");
    otherCertificates = TestCertificates.generate(dir, "other");
    peer = new TestPeer("s2", peerCertificates, TestObjects.patternSha256(TestPeer.BIG_SIZE));
  }

  @AfterAll
  static void stop() throws Exception {
    peer.close();
  }

  @Test
  void anUnknownCertificateIsReadAgainAtOnceAndThenTrusted() throws Exception {
    AtomicInteger refreshes = new AtomicInteger();
    AtomicReference<PeerTrust> trust = new AtomicReference<>();
    X509Certificate registered = certificate(peerCertificates);
    trust.set(PeerTrust.of(keyStore(otherCertificates), TestCertificates.PASSWORD, List.of(), () -> {
      refreshes.incrementAndGet();
      try {
        trust.get().trust(List.of(new PeerCertificate("s2", peer.record().url(), registered)));
      } catch (PeerTransportException e) {
        throw new IllegalStateException(e);
      }
    }));

    try (HttpPeerGateway gateway = HttpPeerGateway.start(settings(), trust.get())) {
      PeerAnswer<StoredObject> answer = gateway.get(peer.record(), "img", "small", ByteRange.ALL,
          Deadline.after(Duration.ofSeconds(10)));

      assertThat(answer).isInstanceOf(PeerAnswer.Found.class);
      ((PeerAnswer.Found<StoredObject>) answer).value().close();
    }
    assertThat(refreshes).hasValue(1);
    assertThat(trust.get().registeredCount()).isEqualTo(1);
  }

  @Test
  void aRowWhoseUrlAnswersWithAnotherCertificateIsNeverSentTheRequest() throws Exception {
    AtomicInteger refreshes = new AtomicInteger();
    PeerTrust trust = PeerTrust.of(keyStore(otherCertificates), TestCertificates.PASSWORD, List.of(),
        refreshes::incrementAndGet);
    // The peer's own certificate is trusted (registered elsewhere), but the row at its URL
    // registered another one.
    trust.trust(List.of(
        new PeerCertificate("impostor", peer.record().url(), certificate(otherCertificates)),
        new PeerCertificate("elsewhere", java.net.URI.create("https://127.0.0.1:1"), certificate(peerCertificates))));
    int before = peer.requests.size();

    try (HttpPeerGateway gateway = HttpPeerGateway.start(settings(), trust)) {
      PeerAnswer<StoredObject> answer = gateway.get(peer.record(), "img", "small", ByteRange.ALL,
          Deadline.after(Duration.ofSeconds(10)));

      assertThat(answer).isInstanceOf(PeerAnswer.Unavailable.class);
      assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).reason()).contains("TLS");
    }
    assertThat(peer.requests).hasSize(before);
    assertThat(refreshes).as("the registry is read again before refusing").hasValue(1);
  }

  @Test
  void aClientCertificateIsARegisteredPeerOnlyWhenRegistered() throws Exception {
    AtomicInteger refreshes = new AtomicInteger();
    PeerTrust trust = PeerTrust.of(keyStore(otherCertificates), TestCertificates.PASSWORD, List.of(),
        refreshes::incrementAndGet);
    trust.trust(List.of(new PeerCertificate("s2", peer.record().url(), certificate(peerCertificates))));

    assertThat(trust.registeredPeer(new X509Certificate[] {certificate(peerCertificates)}))
        .hasValueSatisfying(p -> assertThat(p.serverId()).isEqualTo("s2"));
    assertThat(refreshes).hasValue(0);
    assertThat(trust.registeredPeer(new X509Certificate[] {certificate(otherCertificates)})).isEmpty();
    assertThat(trust.registeredPeer(null)).isEmpty();
    assertThat(refreshes).as("an unknown certificate reads the registry again once").hasValue(1);
  }

  @Test
  void aPeerWithACertificateOfAConfiguredAuthorityIsTrustedWithoutARegisteredOne() throws Exception {
    Path ca = keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=test-ca",
        "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", dir.resolve("ca.p12").toString());
    Path leaf = dir.resolve("signed.p12");
    keytool("-genkeypair", "-alias", "signed", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
        "-validity", "2", "-storetype", "PKCS12", "-keystore", leaf.toString());
    keytool("-certreq", "-alias", "signed", "-keystore", leaf.toString(), "-file", dir.resolve("signed.csr").toString());
    keytool("-gencert", "-alias", "ca", "-keystore", ca.toString(), "-infile", dir.resolve("signed.csr").toString(),
        "-outfile", dir.resolve("signed.crt").toString(), "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2");
    keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString(), "-file", dir.resolve("ca.crt").toString());
    keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", leaf.toString(), "-file",
        dir.resolve("ca.crt").toString());
    keytool("-importcert", "-alias", "signed", "-keystore", leaf.toString(), "-file", dir.resolve("signed.crt").toString());
    X509Certificate authority = (X509Certificate) keyStoreAt(ca).getCertificate("ca");

    try (TestPeer signed = new TestPeer("s3", new TestCertificates(leaf, leaf, TestCertificates.PASSWORD),
        TestObjects.patternSha256(TestPeer.BIG_SIZE))) {
      PeerTrust trust = PeerTrust.of(keyStore(otherCertificates), TestCertificates.PASSWORD, List.of(authority),
          () -> { });
      try (HttpPeerGateway gateway = HttpPeerGateway.start(settings(), trust)) {
        PeerAnswer<StoredObject> answer = gateway.get(signed.record(), "img", "small", ByteRange.ALL,
            Deadline.after(Duration.ofSeconds(10)));
        assertThat(answer).isInstanceOf(PeerAnswer.Found.class);
        ((PeerAnswer.Found<StoredObject>) answer).value().close();
      }

      // Once a row at its URL registered another certificate, the CA's signature is not enough (for
      // the next connection: one already open is kept until it closes).
      trust.trust(List.of(new PeerCertificate("s3", signed.record().url(), certificate(otherCertificates))));
      int before = signed.requests.size();
      try (HttpPeerGateway gateway = HttpPeerGateway.start(settings(), trust)) {
        PeerAnswer<StoredObject> pinned = gateway.get(signed.record(), "img", "small", ByteRange.ALL,
            Deadline.after(Duration.ofSeconds(10)));
        assertThat(pinned).isInstanceOf(PeerAnswer.Unavailable.class);
        assertThat(signed.requests).hasSize(before);
      }
    }
  }

  private static Path keytool(String... arguments) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
    command.addAll(List.of(arguments));
    command.addAll(List.of("-storepass", TestCertificates.PASSWORD));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + List.of(arguments) + " failed: " + output);
    }
    int keystore = command.indexOf("-keystore");
    return Path.of(command.get(keystore + 1));
  }

  private static KeyStore keyStoreAt(Path path) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(path)) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    return store;
  }

  private static PeerClientSettings settings() {
    return new PeerClientSettings(TestPeer.PEER_KEY, Duration.ofSeconds(2), Duration.ofSeconds(10), 4);
  }

  private static KeyStore keyStore(TestCertificates certificates) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(certificates.keystore())) {
      store.load(in, TestCertificates.PASSWORD.toCharArray());
    }
    return store;
  }

  private static X509Certificate certificate(TestCertificates certificates) throws Exception {
    KeyStore store = keyStore(certificates);
    return (X509Certificate) store.getCertificate(store.aliases().nextElement());
  }
}
