package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.Deadline;
import dev.cvos.domain.relay.Deleted;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.domain.relay.PeerAnswer.Cause;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ResolvedRange;
import dev.cvos.storage.spi.StoredObject;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class HttpPeerGatewayTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir static Path dir;
  static TestCertificates trusted;
  static TestPeer peer;
  static TestPeer stranger;
  static HttpPeerGateway gateway;

  @BeforeAll
  static void start() throws Exception {
    trusted = TestCertificates.generate(dir, "peer");
    TestCertificates untrusted = TestCertificates.generate(dir, "stranger");
    String bigSha256 = TestObjects.patternSha256(TestPeer.BIG_SIZE);
    peer = new TestPeer("s2", trusted, bigSha256);
    stranger = new TestPeer("s9", untrusted, bigSha256);
    gateway = HttpPeerGateway.start(settings(TestPeer.PEER_KEY), trust());
  }

  @AfterAll
  static void stop() throws Exception {
    gateway.close();
    peer.close();
    stranger.close();
  }

  static PeerClientSettings settings(String peerKey) {
    return new PeerClientSettings(peerKey, Duration.ofSeconds(2), Duration.ofSeconds(10), 8);
  }

  static PeerTrust trust() throws PeerTransportException {
    return PeerTrust.pkcs12(trusted.truststore(), trusted.password());
  }

  private static PeerAnswer<StoredObject> get(ServerRecord server, String key, ByteRange range) {
    return gateway.get(server, "img", key, range, Deadline.after(DEADLINE));
  }

  @Test
  void getStreamsA256MibBodyThroughA64MibHeap() throws Exception {
    PeerAnswer<StoredObject> answer = get(peer.record(), "big", ByteRange.ALL);

    assertThat(answer).isInstanceOf(PeerAnswer.Found.class);
    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) answer).value()) {
      long[] count = new long[1];
      String sha256 = TestObjects.sha256(object.body(), count);
      assertThat(count[0]).isEqualTo(TestPeer.BIG_SIZE);
      assertThat(sha256).isEqualTo(object.metadata().sha256());
      assertThat(object.metadata().size()).isEqualTo(TestPeer.BIG_SIZE);
      assertThat(object.range()).isEqualTo(new ResolvedRange(0, TestPeer.BIG_SIZE));
    }
    assertThat(Runtime.getRuntime().maxMemory()).isLessThan(TestPeer.BIG_SIZE / 2);
  }

  @Test
  void getBodyTransfersWholeToAnOutputStreamInLargePieces() throws Exception {
    PeerAnswer<StoredObject> answer = get(peer.record(), "big", ByteRange.ALL);
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    long[] writes = new long[1];
    OutputStream out = new OutputStream() {
      @Override
      public void write(int b) {
        throw new AssertionError("single bytes are never written");
      }

      @Override
      public void write(byte[] b, int off, int len) {
        digest.update(b, off, len);
        writes[0]++;
      }
    };

    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) answer).value()) {
      assertThat(object.body().transferTo(out)).isEqualTo(TestPeer.BIG_SIZE);
      assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(object.metadata().sha256());
    }
    assertThat(writes[0]).isEqualTo((TestPeer.BIG_SIZE + RelayedBody.TRANSFER_BUFFER - 1) / RelayedBody.TRANSFER_BUFFER);
  }

  @Test
  void getReadsTheObjectsMetadataFromTheHeaders() throws Exception {
    PeerAnswer.Found<StoredObject> found =
        (PeerAnswer.Found<StoredObject>) get(peer.record(), "small", ByteRange.ALL);

    try (StoredObject object = found.value()) {
      assertThat(object.body().readAllBytes()).isEqualTo(TestObjects.SMALL);
      assertThat(object.metadata()).isEqualTo(new ObjectMetadata("img", "small", 20,
          TestObjects.SMALL_SHA256, "text/plain", TestPeer.CREATED, TestPeer.EXPIRES));
    }
    assertThat(found.servedBy()).isEqualTo("s2");
  }

  @Test
  void getPassesRangesThroughAndMapsThe206ToAResolvedRange() throws Exception {
    PeerAnswer<StoredObject> closed = get(peer.record(), "small", ByteRange.closed(7, 13));
    PeerAnswer<StoredObject> suffix = get(peer.record(), "small", ByteRange.suffix(5));
    PeerAnswer<StoredObject> bigTail = get(peer.record(), "big", ByteRange.from(TestPeer.BIG_SIZE - 10));

    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) closed).value()) {
      assertThat(new String(object.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("relayed");
      assertThat(object.range()).isEqualTo(new ResolvedRange(7, 7));
      assertThat(object.metadata().size()).isEqualTo(20);
    }
    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) suffix).value()) {
      assertThat(new String(object.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("world");
    }
    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) bigTail).value()) {
      assertThat(object.body().readAllBytes()).hasSize(10);
      assertThat(object.range()).isEqualTo(new ResolvedRange(TestPeer.BIG_SIZE - 10, 10));
    }
  }

  @Test
  void getAnswersRangeNotSatisfiableWithTheObjectsSize() {
    assertThat(get(peer.record(), "small", ByteRange.from(20)))
        .isEqualTo(new PeerAnswer.RangeNotSatisfiable<StoredObject>(20));
  }

  @Test
  void getAnswersNotFoundForTheCvosNotFoundError() {
    assertThat(get(peer.record(), "missing", ByteRange.ALL)).isInstanceOf(PeerAnswer.NotFound.class);
  }

  @Test
  void closingTheBodyEarlyAbortsTheExchangeAndTheGatewayGoesOn() throws Exception {
    PeerAnswer<StoredObject> answer = get(peer.record(), "big", ByteRange.ALL);
    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) answer).value()) {
      assertThat(object.body().readNBytes(1024 * 1024)).hasSize(1024 * 1024);
    }

    assertThat(get(peer.record(), "small", ByteRange.ALL)).isInstanceOf(PeerAnswer.Found.class);
  }

  @Test
  void aPeerThatHangsIsUnavailableWithinTheDeadline() {
    long start = System.nanoTime();

    PeerAnswer<StoredObject> answer =
        gateway.get(peer.record(), "img", "hang", ByteRange.ALL, Deadline.after(Duration.ofMillis(500)));

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(answer).isInstanceOf(PeerAnswer.Unavailable.class);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(took).isBetween(Duration.ofMillis(450), Duration.ofMillis(1500));
  }

  @Test
  void getAsyncNeedsNoThreadOfTheCallerAndCancellingItAbortsTheWait() throws Exception {
    ExecutorService refusesEverything = Executors.newSingleThreadExecutor();
    refusesEverything.shutdown();

    CompletableFuture<PeerAnswer<StoredObject>> small = gateway.getAsync(
        peer.record(), "img", "small", ByteRange.ALL, Deadline.after(DEADLINE), refusesEverything);
    CompletableFuture<PeerAnswer<StoredObject>> hanging = gateway.getAsync(
        peer.record(), "img", "hang", ByteRange.ALL, Deadline.after(DEADLINE), refusesEverything);

    PeerAnswer<StoredObject> answer = small.get(5, TimeUnit.SECONDS);
    try (StoredObject object = ((PeerAnswer.Found<StoredObject>) answer).value()) {
      assertThat(object.body().readAllBytes()).isEqualTo(TestObjects.SMALL);
    }
    assertThat(hanging.cancel(true)).isTrue();
    assertThat(get(peer.record(), "small", ByteRange.ALL)).isInstanceOf(PeerAnswer.Found.class);
  }

  @Test
  void getAsyncTimesOutOnItsOwnWhenNobodyWaits() throws Exception {
    long start = System.nanoTime();
    CompletableFuture<PeerAnswer<StoredObject>> hanging = gateway.getAsync(
        peer.record(), "img", "hang", ByteRange.ALL, Deadline.after(Duration.ofMillis(300)), null);

    PeerAnswer<StoredObject> answer = hanging.get(5, TimeUnit.SECONDS);

    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.TIMEOUT);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofMillis(1500));
  }

  @Test
  void aRefusedConnectionIsUnavailableFast() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ServerRecord gone = withUrl(peer.record(), "https://127.0.0.1:" + closedPort);
    long start = System.nanoTime();

    PeerAnswer<StoredObject> answer = get(gone, "small", ByteRange.ALL);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.CONNECTION);
  }

  @Test
  void aPeerWithAnUntrustedCertificateIsUnavailableAndNeverGetsTheRequest() {
    PeerAnswer<StoredObject> answer = get(stranger.record(), "small", ByteRange.ALL);

    assertThat(answer).isInstanceOf(PeerAnswer.Unavailable.class);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.CONNECTION);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).reason()).contains("TLS");
    assertThat(stranger.requests).isEmpty();
  }

  @Test
  void aServerErrorADroppedConnectionAndANonCvosAnswerAreUnavailableNeverNotFound() {
    assertThat(((PeerAnswer.Unavailable<StoredObject>) get(peer.record(), "broken", ByteRange.ALL)).cause())
        .isEqualTo(Cause.SERVER_ERROR);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) get(peer.record(), "drop", ByteRange.ALL)).cause())
        .isEqualTo(Cause.CONNECTION);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) get(peer.record(), "html404", ByteRange.ALL)).cause())
        .isEqualTo(Cause.PROTOCOL);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) get(peer.record(), "no-etag", ByteRange.ALL)).cause())
        .isEqualTo(Cause.PROTOCOL);
  }

  @Test
  void aRedirectIsNeverFollowed() {
    int before = peer.uris.size();

    PeerAnswer<StoredObject> answer = get(peer.record(), "redirect", ByteRange.ALL);

    assertThat(answer).as("the Location names an object the peer serves").isInstanceOf(PeerAnswer.Unavailable.class);
    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.PROTOCOL);
    assertThat(peer.uris.subList(before, peer.uris.size())).singleElement()
        .satisfies(uri -> assertThat(uri).endsWith("/v1/objects/img/redirect"));
  }

  @Test
  void anAuthenticationChallengeIsNeverAnswered() {
    int before = peer.requests.size();

    PeerAnswer<StoredObject> answer = get(peer.record(), "challenge", ByteRange.ALL);

    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.REJECTED);
    assertThat(peer.requests.subList(before, peer.requests.size())).singleElement()
        .satisfies(headers -> assertThat(headers.get("Authorization")).isEqualTo("Bearer " + TestPeer.PEER_KEY));
  }

  @Test
  void aWrongPeerKeyIsRejected() throws Exception {
    try (HttpPeerGateway wrongKey = HttpPeerGateway.start(settings("not-the-cluster-secret"), trust())) {
      PeerAnswer<StoredObject> answer =
          wrongKey.get(peer.record(), "img", "small", ByteRange.ALL, Deadline.after(DEADLINE));

      assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.REJECTED);
    }
  }

  @Test
  void everyRequestCarriesThePeerKeyAndTheRelayedMarker() {
    int before = peer.requests.size();

    get(peer.record(), "small-marker-check", ByteRange.ALL);
    gateway.delete(peer.record(), "img", "missing", Deadline.after(DEADLINE));

    assertThat(peer.requests.subList(before, peer.requests.size())).hasSize(2).allSatisfy(headers -> {
      assertThat(headers.get("Authorization")).isEqualTo("Bearer " + TestPeer.PEER_KEY);
      assertThat(headers.get(CvosHeaders.RELAYED)).isEqualTo("1");
    });
  }

  @Test
  void namesArePercentEncodedSegmentBySegment() {
    get(peer.record(), "users/a b/\u00fc+.jpg", ByteRange.ALL);

    assertThat(peer.uris).anySatisfy(uri ->
        assertThat(URI.create(uri).getRawPath()).isEqualTo("/v1/objects/img/users/a%20b/%C3%BC%2B.jpg"));
  }

  @Test
  void statReadsTheMetadataFromAHead() {
    PeerAnswer<ObjectMetadata> answer = gateway.stat(peer.record(), "img", "small", Deadline.after(DEADLINE));

    assertThat(((PeerAnswer.Found<ObjectMetadata>) answer).value().sha256()).isEqualTo(TestObjects.SMALL_SHA256);
    assertThat(((PeerAnswer.Found<ObjectMetadata>) answer).value().size()).isEqualTo(20);
    assertThat(gateway.stat(peer.record(), "img", "missing", Deadline.after(DEADLINE)))
        .isInstanceOf(PeerAnswer.NotFound.class);
  }

  @Test
  void deleteAnswersFoundWhenThePeerHadACopyAndNotFoundWhenNot() {
    assertThat(gateway.delete(peer.record(), "img", "small", Deadline.after(DEADLINE)))
        .isEqualTo(new PeerAnswer.Found<>(new Deleted(), "s2"));
    assertThat(gateway.delete(peer.record(), "img", "missing", Deadline.after(DEADLINE)))
        .isInstanceOf(PeerAnswer.NotFound.class);
  }

  @Test
  void listReadsThePeersPageOfObjectInfo() {
    PeerAnswer<ObjectListing> answer = gateway.list(
        peer.record(), "img", new ListRequest("sm a", "a&b", 10), Deadline.after(DEADLINE));

    ObjectListing listing = ((PeerAnswer.Found<ObjectListing>) answer).value();
    assertThat(listing.items()).containsExactly(new ObjectMetadata("img", "small", 20,
        TestObjects.SMALL_SHA256, "text/plain", TestPeer.CREATED, null));
    assertThat(listing.next()).isEqualTo("small");
    assertThat(peer.uris).anySatisfy(uri -> assertThat(uri).endsWith("/v1/objects/img?prefix=sm%20a&limit=10&after=a%26b"));
  }

  @Test
  void aPeerRegisteredWithoutHttpsIsNeverContacted() {
    int before = peer.requests.size();
    ServerRecord plain = withUrl(peer.record(), "http://127.0.0.1:" + peer.port());

    PeerAnswer<StoredObject> answer = get(plain, "small", ByteRange.ALL);

    assertThat(((PeerAnswer.Unavailable<StoredObject>) answer).cause()).isEqualTo(Cause.PROTOCOL);
    assertThat(peer.requests).hasSize(before);
  }

  private static ServerRecord withUrl(ServerRecord server, String url) {
    return new ServerRecord(server.id(), URI.create(url), server.role(), server.storageMode(),
        server.version(), server.lastSeen());
  }
}
