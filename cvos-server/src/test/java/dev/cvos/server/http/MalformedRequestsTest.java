package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.RawHttps.Answer;
import dev.cvos.server.testing.TestingCvosServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed requests, sent byte for byte over TLS: each gets a 4xx with the contract's JSON error
 * body and X-Cvos-Server, never a 500 or an HTML page.
 */
class MalformedRequestsTest {
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

  private static void assertError(Answer answer, int status, String code) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.headers()).as(answer.toString()).containsEntry("x-cvos-server", server.serverId());
    assertThat(answer.headers().get("content-type")).as(answer.toString()).startsWith("application/json");
    assertThat(answer.body()).as(answer.toString()).contains("\"error\":\"" + code + "\"").contains("\"message\":");
  }

  @ParameterizedTest(name = "{0} {1} -> {2} {3}")
  @CsvSource({
      "PUT, /v1/objects/b/a%zzb, 400, invalid_request",
      "PUT, /v1/objects/b%2Fc/k, 400, invalid_name",
      "PUT, /v1/objects/b/a/%2E%2E/b, 400, invalid_request",
      "PUT, /v1/objects/b/a//b, 400, invalid_request",
      "PUT, /v1/objects/b/a/../b, 400, invalid_name",
      "PUT, /v1/objects/b/a/./b, 400, invalid_name",
      "PUT, /v1/objects/b/a%5Cb, 400, invalid_request",
      "PUT, /v1/objects/b/a%00b, 400, invalid_request",
      "PUT, /v1/objects/b/a%FFb, 400, invalid_request",
      "PUT, /v1/objects/b/trailing/, 400, invalid_name",
      "PUT, /v1/objects/Bucket/k, 400, invalid_name",
      "PUT, /v1/objects/-b/k, 400, invalid_name",
      "PUT, /v1/objects/b;x/k, 400, invalid_name",
      "GET, /v1/objects/b?prefix=%zz, 400, invalid_request",
      "GET, /v1/objects/b?limit=1001, 400, invalid_request",
      "GET, /nowhere, 404, not_found",
      "GET, /v1/objects, 404, not_found",
      "PATCH, /v1/objects/b/k, 405, invalid_request",
      "PUT, /v1/objects/b, 405, invalid_request",
      "DELETE, /v1/cluster, 405, invalid_request",
  })
  void malformedPathsAndMethodsAreRefusedWithJson(String method, String target, int status, String code) throws Exception {
    assertError(raw.send(method, target, AUTH, method.equals("PUT") ? "x" : ""), status, code);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(delimiter = '|', value = {
      "X-Cvos-Expires-After| -1",
      "X-Cvos-Expires-After| abc",
      "X-Cvos-Expires-After| 1.5",
      "X-Cvos-Expires-After| 99999999999999999999",
      "X-Cvos-Sha256| zz",
      "Content-Type| ///",
      "Content-Type| text/plain; charset",
      "Accept| ///",
      "If-None-Match| \"abc\"",
      "Content-Length| abc",
  })
  void malformedHeadersOfAWriteAreRefusedWithJson(String name, String value) throws Exception {
    assertError(raw.send("PUT", "/v1/objects/b/headers", AUTH + name + ": " + value + "\r\n", "x"), 400,
        "invalid_request");
    assertThat(raw.send("HEAD", "/v1/objects/b/headers", AUTH, "").status()).isEqualTo(404);
  }

  @Test
  void aSemicolonInAKeyIsPartOfTheKey() throws Exception {
    assertThat(raw.send("PUT", "/v1/objects/b/k;x=1", AUTH, "semi").status()).isEqualTo(201);
    assertThat(raw.send("GET", "/v1/objects/b/k;x=1", AUTH, "").body()).isEqualTo("semi");
    assertThat(raw.send("GET", "/v1/objects/b/k", AUTH, "").status()).isEqualTo(404);
  }

  @Test
  void anEncodedPercentSignIsAllowedInAKey() throws Exception {
    Answer put = raw.send("PUT", "/v1/objects/b/100%25", AUTH, "percent");
    assertThat(put.status()).isEqualTo(201);
    assertThat(put.body()).contains("\"key\":\"100%\"");
  }

  @Test
  void missingOrWrongApiKeyIs401AndTheRelayMarkerFromAClientIs403() throws Exception {
    Answer none = raw.send("GET", "/v1/objects/b/k", "", "");
    assertError(none, 401, "unauthorized");
    assertThat(none.headers()).containsKey("www-authenticate");
    assertError(raw.send("GET", "/v1/objects/b/k", "Authorization: Bearer wrong-key-0123456789\r\n", ""), 401,
        "unauthorized");
    assertError(raw.send("GET", "/v1/objects/b/k", "Authorization: Basic Zm9vOmJhcg==\r\n", ""), 401, "unauthorized");
    assertError(raw.send("GET", "/v1/objects/b/k", AUTH + "X-Cvos-Relayed: 1\r\n", ""), 403, "forbidden");
  }

  @Test
  void healthAndMetricsAreOpenWithoutAKey() throws Exception {
    assertThat(raw.send("GET", "/health/live", "", "").status()).isEqualTo(200);
    assertThat(raw.send("GET", "/health/ready", "", "").status()).isEqualTo(200);
    Answer metrics = raw.send("GET", "/metrics", "", "");
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.headers()).containsEntry("x-cvos-server", server.serverId());
  }
}
