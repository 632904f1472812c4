package dev.cvos.server.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.CvosApiException;
import dev.cvos.server.testing.WireClient;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.ErrorCode;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.domain.object.KeyGenerator;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Objects rows of docs/http-api.md against a real server: HTTPS, PostgreSQL, the local store. */
class ObjectsApiTest {
  private static TestingCvosServer server;
  private static WireClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    client = server.client();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void putCreatesThenReplacesAndGetReturnsTheBodyWithItsHeaders() throws Exception {
    Written first = client.put("b1", "docs/a.txt", BodyPublishers.ofString("hello"), WriteOptions.none()
        .withContentType("text/plain; charset=utf-8"));
    assertThat(first.status()).isEqualTo(201);
    assertThat(first.server()).isEqualTo(server.serverId());
    assertThat(first.info().size()).isEqualTo(5);
    assertThat(first.info().sha256()).isEqualTo(sha256(utf8("hello")));
    assertThat(first.info().contentType()).isEqualTo("text/plain; charset=utf-8");
    assertThat(first.info().expires()).isNull();

    Written second = client.put("b1", "docs/a.txt", BodyPublishers.ofString("hello again"), WriteOptions.none());
    assertThat(second.status()).isEqualTo(200);

    HttpResponse<InputStream> get = client.get("b1", "docs/a.txt", Map.of());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(new String(get.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello again");
    assertThat(get.headers().firstValue("Content-Type")).contains("application/octet-stream");
    assertThat(get.headers().firstValue("Content-Length")).contains("11");
    assertThat(get.headers().firstValue("ETag")).contains("\"" + sha256(utf8("hello again")) + "\"");
    assertThat(get.headers().firstValue("Last-Modified")).isPresent();
    assertThat(get.headers().firstValue(CvosHeaders.SERVER)).contains(server.serverId());
    assertThat(get.headers().firstValue(CvosHeaders.CREATED)).contains(second.info().created().toString());
    assertThat(get.headers().firstValue(CvosHeaders.EXPIRES)).isEmpty();
  }

  @Test
  void contentTypeIsKeptAndReturned() throws Exception {
    client.put("b1", "img.png", BodyPublishers.ofString("png"), WriteOptions.none().withContentType("image/png"));
    HttpResponse<InputStream> get = client.get("b1", "img.png", Map.of());
    get.body().close();
    assertThat(get.headers().firstValue("Content-Type")).contains("image/png");
  }

  @Test
  void postPicksAKeyThatNamesTheServerAndAnswersWithLocation() throws Exception {
    Written posted = client.post("b2", BodyPublishers.ofString("posted"), WriteOptions.none());
    assertThat(posted.status()).isEqualTo(201);
    assertThat(KeyGenerator.locationHint(posted.info().key())).contains(server.serverId());
    assertThat(posted.location()).endsWith("/v1/objects/b2/" + posted.info().key());
    HttpResponse<InputStream> get = client.get("b2", posted.info().key(), Map.of());
    assertThat(new String(get.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("posted");
  }

  @Test
  void headAnswersTheHeadersOfGetWithoutABody() throws Exception {
    client.put("b1", "head/me", BodyPublishers.ofString("0123456789"), WriteOptions.none().withContentType("text/plain"));
    HttpResponse<Void> head = client.head("b1", "head/me");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains("10");
    assertThat(head.headers().firstValue("Content-Type")).contains("text/plain");
    assertThat(head.headers().firstValue("ETag")).contains("\"" + sha256(utf8("0123456789")) + "\"");
    assertThat(client.head("b1", "head/missing").statusCode()).isEqualTo(404);
  }

  @Test
  void rangesGivePartialContentAndUnsatisfiableRangesGive416() throws Exception {
    client.put("b1", "range", BodyPublishers.ofString("0123456789"), WriteOptions.none());
    assertRange("bytes=2-4", 206, "234", "bytes 2-4/10");
    assertRange("bytes=7-", 206, "789", "bytes 7-9/10");
    assertRange("bytes=-3", 206, "789", "bytes 7-9/10");
    assertRange("bytes=5-100", 206, "56789", "bytes 5-9/10");
    HttpResponse<InputStream> unsatisfiable = client.get("b1", "range", Map.of("Range", "bytes=10-"));
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range")).contains("bytes */10");
    assertThat(new String(unsatisfiable.body().readAllBytes(), StandardCharsets.UTF_8))
        .contains("\"error\":\"range_not_satisfiable\"");
  }

  private static void assertRange(String range, int status, String body, String contentRange) throws Exception {
    HttpResponse<InputStream> response = client.get("b1", "range", Map.of("Range", range));
    assertThat(response.statusCode()).as(range).isEqualTo(status);
    assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).as(range).isEqualTo(body);
    assertThat(response.headers().firstValue("Content-Range")).as(range).contains(contentRange);
    assertThat(response.headers().firstValue("Content-Length")).as(range).contains(Integer.toString(body.length()));
  }

  @Test
  void malformedRangesAreRefusedWith400() throws Exception {
    client.put("b1", "range2", BodyPublishers.ofString("0123456789"), WriteOptions.none());
    for (String range : new String[] {"bytes=4-2", "bytes=a-b", "items=0-1", "bytes=0-1,3-4", "bytes=-", "bytes=99999999999999999999-"}) {
      HttpResponse<InputStream> response = client.get("b1", "range2", Map.of("Range", range));
      assertThat(response.statusCode()).as(range).isEqualTo(400);
      assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).as(range)
          .contains("\"error\":\"invalid_request\"");
    }
  }

  @Test
  void ifNoneMatchWithTheCurrentTagGives304() throws Exception {
    Written written = client.put("b1", "etag", BodyPublishers.ofString("tagged"), WriteOptions.none());
    String etag = "\"" + written.info().sha256() + "\"";
    HttpResponse<InputStream> notModified = client.get("b1", "etag", Map.of("If-None-Match", etag));
    assertThat(notModified.statusCode()).isEqualTo(304);
    assertThat(notModified.headers().firstValue("ETag")).contains(etag);
    HttpResponse<InputStream> changed = client.get("b1", "etag", Map.of("If-None-Match", "\"" + "0".repeat(64) + "\""));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body().readAllBytes()).isEqualTo(utf8("tagged"));
  }

  @Test
  void createOnlyPutFailsWith412WhenTheKeyExists() throws Exception {
    assertThat(client.put("b1", "once", BodyPublishers.ofString("1"), WriteOptions.none().asCreateOnly()).status())
        .isEqualTo(201);
    assertThatThrownBy(() -> client.put("b1", "once", BodyPublishers.ofString("2"), WriteOptions.none().asCreateOnly()))
        .isInstanceOfSatisfying(CvosApiException.class, e -> {
          assertThat(e.status()).isEqualTo(412);
          assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
        });
    assertThat(client.get("b1", "once", Map.of()).body().readAllBytes()).isEqualTo(utf8("1"));
  }

  @Test
  void deleteRemovesTheObjectAndAnswers404WhenThereIsNone() throws Exception {
    client.put("b1", "gone", BodyPublishers.ofString("x"), WriteOptions.none());
    assertThat(client.delete("b1", "gone")).isTrue();
    assertThat(client.get("b1", "gone", Map.of()).statusCode()).isEqualTo(404);
    assertThat(client.delete("b1", "gone")).isFalse();
  }

  @Test
  void checksumMismatchIsRefusedAndNothingIsStored() throws Exception {
    assertThatThrownBy(() -> client.put("b1", "sum", BodyPublishers.ofString("body"),
        WriteOptions.none().withSha256("0".repeat(64))))
        .isInstanceOfSatisfying(CvosApiException.class, e -> {
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.code()).isEqualTo(ErrorCode.CHECKSUM_MISMATCH);
        });
    assertThat(client.head("b1", "sum").statusCode()).isEqualTo(404);
    Written ok = client.put("b1", "sum", BodyPublishers.ofString("body"),
        WriteOptions.none().withSha256(sha256(utf8("body")).toUpperCase()));
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void expiredObjectIsGoneForReadersAtOnce() throws Exception {
    Written ephemeral = client.put("b3", "ephemeral", BodyPublishers.ofString("soon gone"),
        WriteOptions.none().withExpiresAfter(Duration.ofSeconds(1)));
    assertThat(ephemeral.info().expires()).isAfter(ephemeral.info().created());
    HttpResponse<Void> head = client.head("b3", "ephemeral");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue(CvosHeaders.EXPIRES)).contains(ephemeral.info().expires().toString());
    Thread.sleep(1100);
    assertThat(client.get("b3", "ephemeral", Map.of()).statusCode()).isEqualTo(404);
    assertThat(client.head("b3", "ephemeral").statusCode()).isEqualTo(404);
    assertThat(client.list("b3", null, null, null).items()).extracting(ObjectInfo::key).doesNotContain("ephemeral");
  }

  @Test
  void listingPagesThroughKeysInByteOrderWithPrefixAndAfter() throws Exception {
    for (String key : new String[] {"p/c", "p/a", "p/b", "q/a", "p/é", "p/z"}) {
      client.put("list", key, BodyPublishers.ofString(key), WriteOptions.none());
    }
    ObjectList first = client.list("list", "p/", null, 2);
    assertThat(first.items()).extracting(ObjectInfo::key).containsExactly("p/a", "p/b");
    assertThat(first.next()).isEqualTo("p/b");
    ObjectList second = client.list("list", "p/", first.next(), 10);
    assertThat(second.items()).extracting(ObjectInfo::key).containsExactly("p/c", "p/z", "p/é");
    assertThat(second.next()).isNull();
    assertThat(client.list("list", null, null, null).items()).hasSize(6);
  }

  @Test
  void listingLimitAbove1000OrNotANumberIsRefused() throws Exception {
    for (String query : new String[] {"limit=1001", "limit=0", "limit=ten", "limit=-1"}) {
      HttpResponse<String> response = client.exchange("GET", "/v1/objects/b1?" + query, Map.of(),
          BodyPublishers.noBody());
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.body()).as(query).contains("\"error\":\"invalid_request\"");
    }
  }

  @Test
  void emptyBodyIsAnEmptyObject() throws Exception {
    Written empty = client.put("b1", "empty", BodyPublishers.noBody(), WriteOptions.none());
    assertThat(empty.info().size()).isZero();
    HttpResponse<InputStream> get = client.get("b1", "empty", Map.of());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.body().readAllBytes()).isEmpty();
  }

  @Test
  void keysWithSpacesUnicodeAndReservedCharactersRoundTrip() throws Exception {
    String key = "dir/a b+c%d?e#f&g=h;i'j(k)~ü😀";
    client.put("b1", key, BodyPublishers.ofString("odd"), WriteOptions.none());
    assertThat(client.get("b1", key, Map.of()).body().readAllBytes()).isEqualTo(utf8("odd"));
    assertThat(client.list("b1", "dir/", null, null).items()).extracting(ObjectInfo::key).contains(key);
  }
}
