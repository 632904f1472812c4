package dev.cvos.server.proxy;

import static dev.cvos.server.proxy.ClusterFixture.baseConfig;
import static dev.cvos.server.proxy.ClusterFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.CvosHeaders;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.ServerProcess;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed configuration 2, "Primary and Simple Secondary Servers, Local Storage": every object request
 * sent to the simple secondary C (a server process with a small heap) is proxied to the primary A,
 * and C keeps nothing.
 */
class PrimaryAndSimpleSecondaryTest {
  private static final String BUCKET = "photos";

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path base;

  private static TestingCvosServer primary;
  private static ServerProcess secondary;
  private static WireClient viaSecondary;
  private static WireClient onPrimary;

  @BeforeAll
  static void startCluster() throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> a = new HashMap<>(baseConfig(base.resolve("a"), "a", database));
    a.remove("server.data-dir");
    a.put("server.role", "primary");
    primary = TestingCvosServer.start(a);
    onPrimary = primary.client();

    Path c = Files.createDirectories(base.resolve("c"));
    Map<String, String> values = baseConfig(c, "c", database);
    values.put("server.role", "simple-secondary");
    // No failover here: a storing server slowed by a busy machine must not be given up on.
    values.put("proxy.accept-timeout", "20s");
    secondary = ClusterFixture.startProcess(c, values, "-Xmx64m");
    viaSecondary = ClusterFixture.client(c, ClusterFixture.uriOf(secondary));
    ClusterFixture.awaitReady(viaSecondary, "1 of 1 storing servers healthy", Duration.ofSeconds(30));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (secondary != null) {
      secondary.close();
    }
    if (primary != null) {
      primary.close();
    }
  }

  @Test
  void putGetHeadListAndDeleteThroughTheSecondaryLandOnThePrimary() throws Exception {
    byte[] body = bytes(100_000, 7);
    HttpResponse<String> put = viaSecondary.exchange("PUT", "/v1/objects/photos/people/ann%20b.jpg",
        Map.of("Content-Type", "image/jpeg", CvosHeaders.EXPIRES_AFTER, "3600"), BodyPublishers.ofByteArray(body));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(put.headers().firstValue(CvosHeaders.SERVER)).contains("c");
    assertThat(put.headers().firstValue(CvosHeaders.SOURCE)).contains("a");

    HttpResponse<InputStream> direct = onPrimary.get(BUCKET, "people/ann b.jpg", Map.of());
    assertThat(direct.statusCode()).isEqualTo(200);
    try (InputStream in = direct.body()) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }

    HttpResponse<InputStream> get = viaSecondary.get(BUCKET, "people/ann b.jpg", Map.of());
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Content-Type")).contains("image/jpeg");
    assertThat(get.headers().firstValue(CvosHeaders.EXPIRES)).isPresent();
    assertThat(get.headers().firstValue(CvosHeaders.SOURCE)).contains("a");
    String etag = get.headers().firstValue("ETag").orElseThrow();
    try (InputStream in = get.body()) {
      assertThat(in.readAllBytes()).isEqualTo(body);
    }

    HttpResponse<InputStream> range = viaSecondary.get(BUCKET, "people/ann b.jpg", Map.of("Range", "bytes=10-19"));
    assertThat(range.statusCode()).isEqualTo(206);
    assertThat(range.headers().firstValue("Content-Range")).contains("bytes 10-19/100000");
    try (InputStream in = range.body()) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(body, 10, 20));
    }
    assertThat(viaSecondary.get(BUCKET, "people/ann b.jpg", Map.of("If-None-Match", etag)).statusCode()).isEqualTo(304);
    assertThat(viaSecondary.get(BUCKET, "people/ann b.jpg", Map.of("Range", "bytes=200000-")).statusCode())
        .isEqualTo(416);

    HttpResponse<Void> head = viaSecondary.head(BUCKET, "people/ann b.jpg");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.headers().firstValue("Content-Length")).contains("100000");
    assertThat(head.headers().firstValue(CvosHeaders.SERVER)).contains("c");

    assertThat(viaSecondary.list(BUCKET, "people/", null, null).items())
        .extracting(info -> info.key()).containsExactly("people/ann b.jpg");

    assertThat(viaSecondary.delete(BUCKET, "people/ann b.jpg")).isTrue();
    assertThat(onPrimary.head(BUCKET, "people/ann b.jpg").statusCode()).isEqualTo(404);
    HttpResponse<String> again = viaSecondary.exchange("DELETE", "/v1/objects/photos/people/ann%20b.jpg", Map.of(),
        BodyPublishers.noBody());
    assertThat(again.statusCode()).isEqualTo(404);
    assertThat(viaSecondary.errorBody(again.body()).error()).isEqualTo("not_found");
    assertThat(ClusterFixture.filesUnder(base.resolve("c/data/objects"))).isEmpty();
  }

  @Test
  void postThroughTheSecondaryGetsAKeyOfThePrimaryAndALocationOnTheSecondary() throws Exception {
    HttpResponse<String> post = viaSecondary.exchange("POST", "/v1/objects/events", Map.of("Content-Type", "text/plain"),
        BodyPublishers.ofString("event reply"));
    assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
    String location = post.headers().firstValue("Location").orElseThrow();
    assertThat(URI.create(location).getPort()).isEqualTo(viaSecondary.baseUri().getPort());
    String key = location.substring(location.lastIndexOf('/') + 1);
    assertThat(key).startsWith("a.");
    HttpResponse<InputStream> direct = onPrimary.get("events", key, Map.of());
    assertThat(direct.statusCode()).isEqualTo(200);
    try (InputStream in = direct.body()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("event reply");
    }
  }

  @Test
  void aLargeBodyStreamsThroughASecondaryWhoseHeapIsSmallerThanTheBody() throws Exception {
    long size = 160L << 20;
    Supplier<InputStream> pattern = () -> new PatternStream(size, 42);
    HttpResponse<String> put = viaSecondary.exchange("PUT", "/v1/objects/big/blob", Map.of(),
        BodyPublishers.ofInputStream(pattern));
    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);

    HttpResponse<InputStream> get = viaSecondary.get("big", "blob", Map.of());
    assertThat(get.statusCode()).isEqualTo(200);
    try (InputStream in = get.body()) {
      assertThat(PatternStream.sha256(in)).isEqualTo(PatternStream.sha256(size, 42));
    }
    assertThat(secondary.isAlive()).isTrue();
    assertThat(viaSecondary.delete("big", "blob")).isTrue();
  }

  @Test
  void theSecondaryChecksTheApiKeyItself() throws Exception {
    HttpResponse<String> anonymous = viaSecondary.exchange("GET", "/v1/objects/photos/x",
        Map.of("Authorization", "Bearer wrong"), BodyPublishers.noBody());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue(CvosHeaders.SERVER)).contains("c");
    assertThat(anonymous.headers().firstValue(CvosHeaders.SOURCE)).isEmpty();
  }

  @Test
  void theSecondaryIsReadyWithoutStorageAndSaysItProxies() throws Exception {
    HttpResponse<String> ready = viaSecondary.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody());
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("proxy mode, nothing stored here");
    assertThat(base.resolve("c/data/objects")).doesNotExist();
  }
}
