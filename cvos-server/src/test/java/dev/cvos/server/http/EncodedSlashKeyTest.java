package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.TestingCvosServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A key's {@code /} sent percent-encoded ({@code %2F}, as generated clients and S3 SDKs send it)
 * names the same key as a plain {@code /}; in a bucket name it is refused.
 */
class EncodedSlashKeyTest {
  private static final String AUTH = "Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\n";

  private static TestingCvosServer server;
  private static RawHttps raw;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    raw = new RawHttps(server.httpsUri(), server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void anEncodedSlashIsTheSameKeyForEveryOperation() throws Exception {
    assertThat(raw.send("PUT", "/v1/objects/slashes/camera-7%2Fevent.jpg", AUTH, "hello").status())
        .isEqualTo(201);

    assertThat(raw.send("GET", "/v1/objects/slashes/camera-7/event.jpg", AUTH, "").body()).isEqualTo("hello");
    assertThat(raw.send("GET", "/v1/objects/slashes/camera-7%2fevent.jpg", AUTH, "").body()).isEqualTo("hello");
    assertThat(raw.send("GET", "/v1/objects/slashes?prefix=camera-7%2F", AUTH, "").body())
        .contains("\"key\":\"camera-7/event.jpg\"");
    assertThat(raw.send("PUT", "/v1/objects/slashes/camera-7/event.jpg", AUTH, "again").status())
        .as("the plain path replaces the object the encoded one stored").isEqualTo(200);
    assertThat(raw.send("DELETE", "/v1/objects/slashes/camera-7%2Fevent.jpg", AUTH, "").status()).isEqualTo(204);
    assertThat(raw.send("GET", "/v1/objects/slashes/camera-7/event.jpg", AUTH, "").status()).isEqualTo(404);
  }

  @Test
  void anEncodedSlashInABucketNameIsRefused() throws Exception {
    RawHttps.Answer answer = raw.send("PUT", "/v1/objects/a%2Fb/key", AUTH, "x");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("\"error\":\"invalid_name\"");
  }

  @Test
  void encodedDotSegmentsStayRefused() throws Exception {
    assertThat(raw.send("PUT", "/v1/objects/slashes/a%2F..%2Fb", AUTH, "x").status()).isEqualTo(400);
  }
}
