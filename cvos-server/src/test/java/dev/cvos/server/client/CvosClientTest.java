package dev.cvos.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.ErrorCode;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.api.client.ByteRange;
import dev.cvos.api.client.CvosClient;
import dev.cvos.api.client.CvosObject;
import dev.cvos.api.client.InvalidRequestException;
import dev.cvos.api.client.NoServerReachableException;
import dev.cvos.api.client.NotFoundException;
import dev.cvos.api.client.ObjectBody;
import dev.cvos.api.client.PreconditionFailedException;
import dev.cvos.api.client.RangeNotSatisfiableException;
import dev.cvos.api.client.ServerHealth;
import dev.cvos.api.client.UnauthorizedException;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The integrator's client against a real server (HTTPS, PostgreSQL, the local store): every operation. */
class CvosClientTest {
  private static TestingCvosServer server;
  private static CvosClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    client = clientOf(List.of(server.httpsUri()), TestingCvosServer.API_KEY);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static CvosClient clientOf(List<URI> servers, String apiKey) throws Exception {
    return CvosClient.builder().servers(servers).apiKey(apiKey).trustCertificate(server.certificate())
        .connectTimeout(Duration.ofSeconds(10)).requestTimeout(Duration.ofSeconds(30)).build();
  }

  @Test
  void putOfAStreamCreatesThenReplacesAndGetStreamsItBack() throws Exception {
    long size = 3L << 20;
    Written first;
    try (InputStream in = new PatternStream(size, 5)) {
      first = client.put("client", "streams/known", ObjectBody.ofStream(in, size),
          WriteOptions.none().withContentType("image/jpeg"));
    }
    Written second = client.put("client", "streams/known", ObjectBody.ofBytes(utf8("replaced")));

    assertThat(first.created()).isTrue();
    assertThat(first.server()).isEqualTo(server.serverId());
    assertThat(first.info().size()).isEqualTo(size);
    assertThat(first.info().contentType()).isEqualTo("image/jpeg");
    assertThat(second.status()).isEqualTo(200);
    try (CvosObject object = client.get("client", "streams/known")) {
      assertThat(object.body().readAllBytes()).isEqualTo(utf8("replaced"));
      assertThat(object.info()).isEqualTo(second.info());
      assertThat(object.isPartial()).isFalse();
      assertThat(object.serverId()).isEqualTo(server.serverId());
      assertThat(object.sourceId()).isEmpty();
    }
  }

  @Test
  void putOfAStreamOfUnknownLengthIsSentChunked() throws Exception {
    long size = (1L << 20) + 17;
    Written written;
    try (InputStream in = new PatternStream(size, 6)) {
      written = client.put("client", "streams/unknown", ObjectBody.ofStream(in));
    }

    assertThat(written.info().size()).isEqualTo(size);
    assertThat(written.info().sha256()).isEqualTo(sha256(new PatternStream(size, 6)));
  }

  @Test
  void fileIsUploadedAndDownloadedIntoAFileCheckedAgainstItsSha256(@TempDir Path dir) throws Exception {
    Path file = Files.write(dir.resolve("up.bin"), new PatternStream(200_000, 7).readAllBytes());
    Written written = client.put("client", "files/one", ObjectBody.ofFile(file));

    Path target = dir.resolve("down.bin");
    ObjectInfo info = client.download("client", "files/one", target);

    assertThat(info).isEqualTo(written.info());
    assertThat(Files.mismatch(file, target)).isEqualTo(-1);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("up.bin", "down.bin");
    }
  }

  @Test
  void postStoresUnderAGeneratedKey() throws Exception {
    Written posted = client.post("client", ObjectBody.ofBytes(utf8("posted")), WriteOptions.none());

    assertThat(posted.created()).isTrue();
    assertThat(posted.location()).endsWith("/" + posted.info().key());
    assertThat(client.getBytes("client", posted.info().key())).isEqualTo(utf8("posted"));
  }

  @Test
  void matchingChecksumIsAcceptedAndAMismatchStoresNothing() throws Exception {
    byte[] body = utf8("checked");
    assertThat(client.put("client", "sum/ok", ObjectBody.ofBytes(body),
        WriteOptions.none().withSha256(sha256(new ByteArrayInputStream(body)))).created()).isTrue();

    assertThatThrownBy(() -> client.put("client", "sum/bad", ObjectBody.ofBytes(body),
        WriteOptions.none().withSha256("0".repeat(64))))
        .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.serverId()).contains(server.serverId());
        });
    assertThat(client.head("client", "sum/bad")).isEmpty();
  }

  @Test
  void createOnlyPutOfAnExistingKeyFailsWith412() throws Exception {
    client.put("client", "once", ObjectBody.ofBytes(utf8("first")), WriteOptions.none().asCreateOnly());

    assertThatThrownBy(() -> client.put("client", "once", ObjectBody.ofBytes(utf8("second")),
        WriteOptions.none().asCreateOnly()))
        .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
          assertThat(e.status()).isEqualTo(412);
        });
    assertThat(client.getBytes("client", "once")).isEqualTo(utf8("first"));
  }

  @Test
  void rangesReadPartsAndARangeBeyondTheEndIs416() throws Exception {
    client.put("client", "digits", ObjectBody.ofBytes(utf8("0123456789")));

    try (CvosObject part = client.get("client", "digits", ByteRange.of(2, 5))) {
      assertThat(part.body().readAllBytes()).isEqualTo(utf8("2345"));
      assertThat(part.isPartial()).isTrue();
      assertThat(part.offset()).isEqualTo(2);
      assertThat(part.length()).isEqualTo(4);
      assertThat(part.info().size()).isEqualTo(10);
    }
    try (CvosObject tail = client.get("client", "digits", ByteRange.lastBytes(3))) {
      assertThat(tail.body().readAllBytes()).isEqualTo(utf8("789"));
      assertThat(tail.offset()).isEqualTo(7);
    }
    assertThatThrownBy(() -> client.get("client", "digits", ByteRange.from(50)))
        .isInstanceOfSatisfying(RangeNotSatisfiableException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE));
  }

  @Test
  void conditionalGetIsNotModifiedWhileTheCopyIsCurrent() throws Exception {
    Written old = client.put("client", "cached", ObjectBody.ofBytes(utf8("v1")));

    assertThat(client.getIfChanged("client", "cached", old.info().sha256())).isEmpty();

    client.put("client", "cached", ObjectBody.ofBytes(utf8("v2")));
    Optional<CvosObject> changed = client.getIfChanged("client", "cached", old.info().sha256());
    assertThat(changed).isPresent();
    try (CvosObject object = changed.get()) {
      assertThat(object.body().readAllBytes()).isEqualTo(utf8("v2"));
    }
  }

  @Test
  void headTellsAboutAnEphemeralObjectThatIsGoneAfterItsExpiry() throws Exception {
    Written written = client.put("client", "messages/soon-gone", ObjectBody.ofBytes(utf8("{}")),
        WriteOptions.none().withContentType("application/json").withExpiresAfter(Duration.ofSeconds(1)));

    ObjectInfo head = client.head("client", "messages/soon-gone").orElseThrow();
    assertThat(head).isEqualTo(written.info());
    assertThat(head.expires()).as("one second after the write began").isAfter(head.created().minusSeconds(1))
        .isBefore(head.created().plusSeconds(1));

    Instant deadline = Instant.now().plusSeconds(10);
    while (client.head("client", "messages/soon-gone").isPresent() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    assertThatThrownBy(() -> client.get("client", "messages/soon-gone"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
          assertThat(e.serverId()).contains(server.serverId());
        });
  }

  @Test
  void deleteRemovesTheObjectOnceAndGetThenIs404() throws Exception {
    client.put("client", "doomed", ObjectBody.ofBytes(utf8("x")));

    assertThat(client.delete("client", "doomed")).isTrue();
    assertThat(client.delete("client", "doomed")).isFalse();
    assertThatThrownBy(() -> client.getBytes("client", "doomed"))
        .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void listPagesLazilyThroughEveryObjectOfAPrefixInKeyOrder() throws Exception {
    for (String key : List.of("list/c", "list/a", "list/e", "list/b", "list/d", "other/x")) {
      client.put("client", key, ObjectBody.ofBytes(utf8(key)));
    }

    assertThat(client.list("client", "list/", 2).map(ObjectInfo::key))
        .containsExactly("list/a", "list/b", "list/c", "list/d", "list/e");
    ObjectList page = client.listPage("client", "list/", null, 2);
    assertThat(page.items()).extracting(ObjectInfo::key).containsExactly("list/a", "list/b");
    assertThat(page.next()).isEqualTo("list/b");
  }

  @Test
  void invalidNameIs400InvalidName() {
    assertThatThrownBy(() -> client.put("Not A Bucket", "k", ObjectBody.ofBytes(utf8("x"))))
        .isInstanceOfSatisfying(InvalidRequestException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_NAME));
  }

  @Test
  void wrongApiKeyIs401() throws Exception {
    CvosClient stranger = clientOf(List.of(server.httpsUri()), "not-the-key");

    assertThatThrownBy(() -> stranger.getBytes("client", "anything"))
        .isInstanceOfSatisfying(UnauthorizedException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
          assertThat(e.status()).isEqualTo(401);
        });
  }

  @Test
  void clusterViewAndHealthDescribeTheServer() throws Exception {
    assertThat(client.cluster().id()).isEqualTo(server.serverId());
    assertThat(client.cluster().servers()).anySatisfy(s -> assertThat(s.id()).isEqualTo(server.serverId()));

    List<ServerHealth> health = client.health();
    assertThat(health).singleElement().satisfies(h -> {
      assertThat(h.live()).isTrue();
      assertThat(h.ready()).as(h.detail()).isTrue();
      assertThat(h.server()).isEqualTo(server.httpsUri());
    });
  }

  @Test
  void aServerThatRefusesConnectionsIsSkippedEvenWithAOneShotStream() throws Exception {
    URI refusing = URI.create("https://127.0.0.1:" + freePort());
    CvosClient failingOver = clientOf(List.of(refusing, server.httpsUri()), TestingCvosServer.API_KEY);

    byte[] body = utf8("sent once, to the second server");
    Written written;
    try (InputStream in = new ByteArrayInputStream(body)) {
      written = failingOver.put("client", "failover/stream", ObjectBody.ofStream(in, body.length));
    }

    assertThat(written.server()).isEqualTo(server.serverId());
    assertThat(failingOver.getBytes("client", "failover/stream")).isEqualTo(body);
    assertThat(failingOver.health()).extracting(ServerHealth::live).containsExactly(false, true);
  }

  @Test
  void noReachableServerIsAConnectFailureNamingEveryServerTried() throws Exception {
    URI one = URI.create("https://127.0.0.1:" + freePort());
    URI two = URI.create("https://127.0.0.1:" + freePort());

    assertThatThrownBy(() -> clientOf(List.of(one, two), TestingCvosServer.API_KEY).cluster())
        .isInstanceOf(NoServerReachableException.class)
        .hasMessageContaining(one.toString()).hasMessageContaining(two.toString())
        .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
  }

  @Test
  void aServerWhoseCertificateIsNotTrustedIsRefused() throws Exception {
    CvosClient trustingNothing = CvosClient.builder().servers(server.httpsUri()).apiKey(TestingCvosServer.API_KEY)
        .build();

    assertThatThrownBy(trustingNothing::cluster).isInstanceOf(SSLHandshakeException.class);
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String sha256(InputStream in) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (in) {
      byte[] buffer = new byte[65536];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
