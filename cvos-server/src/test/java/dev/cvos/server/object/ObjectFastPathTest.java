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
 * {@link ObjectFastPath} against a real server: its answers equal Jersey's for the same request
 * (a query string sends a request past the fast path to {@link ObjectResource}, which ignores it),
 * it answers only what it should ({@code cvos_http_fast_answered_total} counts), a miss of a GET
 * is answered as Jersey answers it, and everything
 * else (refusals, HEAD misses, bad ranges) falls through to Jersey's answers.
 */
class ObjectFastPathTest {
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
  void getAndHeadEqualJerseysAnswers() throws Exception {
    for (String path : new String[] {TEXT, EXPIRING}) {
      Answer fast = sameAsJersey("GET", path, AUTH);
      assertThat(fast.status()).isEqualTo(200);
      assertThat(fast.body()).isEqualTo(BODY);
      assertThat(fast.headers()).containsKeys("etag", "last-modified", "content-type", "content-length",
          "accept-ranges", "x-cvos-created");
      Answer head = sameAsJersey("HEAD", path, AUTH);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.headers().get("content-length")).isEqualTo("20");
    }
    assertThat(sameAsJersey("GET", TEXT, AUTH).headers().get("content-type")).isEqualTo("text/plain;charset=utf-8");
    assertThat(sameAsJersey("GET", EXPIRING, AUTH).headers()).containsKeys("expires", "x-cvos-expires");
  }

  @Test
  void rangesAndConditionalRequestsEqualJerseysAnswers() throws Exception {
    assertThat(sameAsJersey("GET", TEXT, AUTH + "Range: bytes=2-4\r\n").body()).isEqualTo("234");
    assertThat(sameAsJersey("GET", TEXT, AUTH + "Range: bytes=-3\r\n").body()).isEqualTo("hij");
    Answer open = sameAsJersey("GET", TEXT, AUTH + "Range: bytes=17-\r\n");
    assertThat(open.status()).isEqualTo(206);
    assertThat(open.headers().get("content-range")).isEqualTo("bytes 17-19/20");

    String etag = sameAsJersey("HEAD", TEXT, AUTH).headers().get("etag");
    assertThat(sameAsJersey("GET", TEXT, AUTH + "If-None-Match: " + etag + "\r\n").status()).isEqualTo(304);
    assertThat(sameAsJersey("HEAD", TEXT, AUTH + "If-None-Match: W/" + etag + "\r\n").status()).isEqualTo(304);
    assertThat(sameAsJersey("GET", TEXT, AUTH + "If-None-Match: \"other\"\r\n").status()).isEqualTo(200);
  }

  @Test
  void aBodyLargerThanOneBufferArrivesWhole() throws Exception {
    Answer big = sameAsJersey("GET", BIG, AUTH);
    assertThat(big.body()).hasSize(1_300_000).matches("x+");
    assertThat(sameAsJersey("GET", BIG, AUTH + "Range: bytes=1-1200000\r\n").body()).hasSize(1_200_000);
  }

  @Test
  void theFastPathAnswersPlainReadsAndCountsThem() throws Exception {
    double before = fastCount();
    assertThat(raw.send("GET", TEXT, AUTH, "").status()).isEqualTo(200);
    assertThat(raw.send("HEAD", TEXT, AUTH, "").status()).isEqualTo(200);
    assertThat(raw.send("GET", TEXT, AUTH + "Range: bytes=0-0\r\n", "").status()).isEqualTo(206);
    assertThat(fastCount()).isEqualTo(before + 3);
    String metrics = raw.send("GET", "/metrics", "", "").body();
    assertThat(metrics).contains("cvos_http_requests_seconds_count{method=\"HEAD\",route=\"/v1/objects/{bucket}/{key}\"");
  }

  @Test
  void refusalsMissesAndBadRangesFallThroughToJersey() throws Exception {
    double before = fastCount();
    Answer noKey = sameAsJersey("GET", TEXT, "");
    assertThat(noKey.status()).isEqualTo(401);
    assertThat(noKey.body()).contains("\"error\":\"unauthorized\"");
    assertThat(noKey.headers()).containsKey("www-authenticate");
    assertThat(sameAsJersey("GET", TEXT, "Authorization: Bearer wrong\r\n").status()).isEqualTo(401);
    assertThat(sameAsJersey("HEAD", TEXT, "").status()).isEqualTo(401);
    assertThat(sameAsJersey("GET", TEXT, AUTH + CvosHeaders.RELAYED + ": 1\r\n").status()).isEqualTo(403);
    assertThat(sameAsJersey("HEAD", "/v1/objects/fast/missing", AUTH).status()).isEqualTo(404);
    assertThat(sameAsJersey("GET", TEXT, AUTH + "Range: bytes=30-\r\n").status()).isEqualTo(416);
    assertThat(sameAsJersey("GET", TEXT, AUTH + "Range: bytes=5-2\r\n").status()).isEqualTo(400);
    assertThat(sameAsJersey("GET", TEXT, AUTH + "Range: items=0-1\r\n").status()).isEqualTo(400);
    assertThat(sameAsJersey("GET", "/v1/objects/Bad_Bucket/k", AUTH).status()).isEqualTo(400);
    assertThat(fastCount()).isEqualTo(before);
  }

  @Test
  void aMissOfAClientsGetIsAnsweredHereAsJerseyAnswersIt() throws Exception {
    double before = fastCount();
    // Asked of the cluster (here a server alone) by the fast path, which then answers itself.
    Answer missing = sameAsJersey("GET", "/v1/objects/fast/missing", AUTH);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body()).contains("\"error\":\"not_found\"");
    assertThat(missing.headers()).containsEntry("content-type", "application/json");
    assertThat(fastCount()).isEqualTo(before + 1);
  }

  /** The answer to the request, after checking Jersey gives the same one (but for its date). */
  private static Answer sameAsJersey(String method, String path, String headers) throws Exception {
    Answer fast = raw.send(method, path, headers, "");
    Answer jersey = raw.send(method, path + "?via=jersey", headers, "");
    assertThat(fast.status()).isEqualTo(jersey.status());
    Map<String, String> expected = withoutDate(jersey.headers());
    if (method.equals("HEAD") && jersey.status() == 304) {
      // Jersey puts a Content-Type of application/xml (its pick for a HEAD without an entity) on
      // this 304; the fast path sends none, as for a GET's 304.
      expected.remove("content-type");
    }
    if (jersey.status() >= 400 && !jersey.headers().containsKey("content-length")
        && fast.headers().containsKey("content-length")) {
      // Jersey streams an error's JSON body without its length; the fast path's relay states it.
      expected.put("content-length", Integer.toString(jersey.body().length()));
    }
    assertThat(withoutDate(fast.headers())).isEqualTo(expected);
    assertThat(fast.body()).isEqualTo(jersey.body());
    return fast;
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
