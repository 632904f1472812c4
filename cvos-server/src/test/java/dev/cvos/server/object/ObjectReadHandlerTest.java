package dev.cvos.server.object;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.RawHttps.Answer;
import dev.cvos.server.testing.TestingCvosServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link ObjectReadHandler} against a real server: it answers every GET and HEAD of an object
 * ({@code cvos_http_fast_answered_total} counts them), hits, ranges, 304s, misses, refusals and bad
 * ranges alike, with the contract's headers and bodies; a query string (which a read ignores)
 * changes nothing in the answer.
 */
class ObjectReadHandlerTest {
  private static final String AUTH = "Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\n";
  private static final String BODY = "0123456789abcdefghij";
  private static final String TEXT = "/v1/objects/fast/dir/a%20b;c.txt";
  private static final String EXPIRING = "/v1/objects/fast/expiring";
  private static final String BIG = "/v1/objects/fast/big";
  private static final Pattern FAST_COUNT = Pattern.compile("(?m)^cvos_http_fast_answered_total\\S* (\\S+)$");

  private static TestingCvosServer server;
  private static RawHttps raw;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    raw = new RawHttps(server.httpsUri(), server.certificate());
    WireClient client = server.client();
    client.put("fast", "dir/a b;c.txt", BodyPublishers.ofString(BODY),
        WriteOptions.none().withContentType("text/plain; charset=UTF-8"));
    client.put("fast", "expiring", BodyPublishers.ofString(BODY),
        WriteOptions.none().withExpiresAfter(Duration.ofHours(1)));
    // Larger than one buffer of the fast path: streamed in several writes.
    client.put("fast", "big", BodyPublishers.ofString("x".repeat(1_300_000)), WriteOptions.none());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void getAndHeadAnswerWithTheObjectsHeaders() throws Exception {
    for (String path : new String[] {TEXT, EXPIRING}) {
      Answer fast = sameWithAQuery("GET", path, AUTH);
      assertThat(fast.status()).isEqualTo(200);
      assertThat(fast.body()).isEqualTo(BODY);
      assertThat(fast.headers()).containsKeys("etag", "last-modified", "content-type", "content-length",
          "accept-ranges", "x-cvos-created");
      Answer head = sameWithAQuery("HEAD", path, AUTH);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers().get("content-length")).isEqualTo("20");
    }
    assertThat(sameWithAQuery("GET", TEXT, AUTH).headers().get("content-type")).isEqualTo("text/plain;charset=utf-8");
    assertThat(sameWithAQuery("GET", EXPIRING, AUTH).headers()).containsKeys("expires", "x-cvos-expires");
  }

  @Test
  void rangesAndConditionalRequestsAreAnswered() throws Exception {
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "Range: bytes=2-4\r\n").body()).isEqualTo("234");
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "Range: bytes=-3\r\n").body()).isEqualTo("hij");
    Answer open = sameWithAQuery("GET", TEXT, AUTH + "Range: bytes=17-\r\n");
    assertThat(open.status()).isEqualTo(206);
    assertThat(open.headers().get("content-range")).isEqualTo("bytes 17-19/20");

    String etag = sameWithAQuery("HEAD", TEXT, AUTH).headers().get("etag");
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "If-None-Match: " + etag + "\r\n").status()).isEqualTo(304);
    assertThat(sameWithAQuery("HEAD", TEXT, AUTH + "If-None-Match: W/" + etag + "\r\n").status()).isEqualTo(304);
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "If-None-Match: \"other\"\r\n").status()).isEqualTo(200);
  }

  @Test
  void aBodyLargerThanOneBufferArrivesWhole() throws Exception {
    Answer big = sameWithAQuery("GET", BIG, AUTH);
    assertThat(big.body()).hasSize(1_300_000).matches("x+");
    assertThat(sameWithAQuery("GET", BIG, AUTH + "Range: bytes=1-1200000\r\n").body()).hasSize(1_200_000);
  }

  @Test
  void theReadHandlerAnswersPlainReadsAndCountsThem() throws Exception {
    double before = fastCount();
    assertThat(raw.send("GET", TEXT, AUTH, "").status()).isEqualTo(200);
    assertThat(raw.send("HEAD", TEXT, AUTH, "").status()).isEqualTo(200);
    assertThat(raw.send("GET", TEXT, AUTH + "Range: bytes=0-0\r\n", "").status()).isEqualTo(206);
    assertThat(fastCount()).isEqualTo(before + 3);
    String metrics = raw.send("GET", "/metrics", "", "").body();
    assertThat(metrics).contains("cvos_http_requests_seconds_count{method=\"HEAD\",route=\"/v1/objects/{bucket}/{key}\"");
  }

  @Test
  void refusalsMissesAndBadRangesAreAnsweredAndCountedToo() throws Exception {
    double before = fastCount();
    Answer noKey = sameWithAQuery("GET", TEXT, "");
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.body()).contains("\"error\":\"unauthorized\"");
    assertThat(noKey.headers()).containsKey("www-authenticate");
    assertThat(sameWithAQuery("GET", TEXT, "Authorization: Bearer wrong\r\n").status()).isEqualTo(401);
    assertThat(sameWithAQuery("HEAD", TEXT, "").status()).isEqualTo(401);
    assertThat(sameWithAQuery("GET", TEXT, AUTH + CvosHeaders.RELAYED + ": 1\r\n").status()).isEqualTo(403);
    assertThat(sameWithAQuery("HEAD", "/v1/objects/fast/missing", AUTH).status()).isEqualTo(404);
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "Range: bytes=30-\r\n").status()).isEqualTo(416);
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "Range: bytes=5-2\r\n").status()).isEqualTo(400);
    assertThat(sameWithAQuery("GET", TEXT, AUTH + "Range: items=0-1\r\n").status()).isEqualTo(400);
    assertThat(sameWithAQuery("GET", "/v1/objects/Bad_Bucket/k", AUTH).status()).isEqualTo(400);
    assertThat(fastCount()).as("two requests per check, every one answered here").isEqualTo(before + 18);
  }

  @Test
  void aMissOfAClientsGetIsAnsweredHere() throws Exception {
    double before = fastCount();
    // Asked of the cluster (here a server alone), then answered here.
    Answer missing = sameWithAQuery("GET", "/v1/objects/fast/missing", AUTH);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("\"error\":\"not_found\"");
    assertThat(missing.headers()).containsEntry("content-type", "application/json")
        .containsEntry("content-length", Integer.toString(missing.body().length()));
    Answer headMissing = raw.send("HEAD", "/v1/objects/fast/missing", AUTH, "");
    assertThat(headMissing.status()).isEqualTo(404);
    assertThat(headMissing.body()).isEmpty();
    assertThat(fastCount()).isEqualTo(before + 3);
  }

  /**
   * The answer to the request, after checking the same request with a query string (which a read
   * ignores) gets the same one (but for its date).
   */
  private static Answer sameWithAQuery(String method, String path, String headers) throws Exception {
    Answer plain = raw.send(method, path, headers, "");
    Answer queried = raw.send(method, path + "?via=query", headers, "");
    assertThat(plain.status()).isEqualTo(queried.status());
    assertThat(withoutDate(plain.headers())).isEqualTo(withoutDate(queried.headers()));
    assertThat(plain.body()).isEqualTo(queried.body());
    if (plain.status() >= 400) {
      assertThat(plain.headers()).containsEntry("content-type", "application/json")
          .containsKey("content-length");
    }
    return plain;
  }

  private static Map<String, String> withoutDate(Map<String, String> headers) {
    Map<String, String> copy = new TreeMap<>(headers);
    copy.remove("date");
    return copy;
  }

  private static double fastCount() throws Exception {
    Matcher m = FAST_COUNT.matcher(raw.send("GET", "/metrics", "", "").body());
    assertThat(m.find()).as("cvos_http_fast_answered_total in /metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }
}
