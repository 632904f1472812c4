package dev.cvos.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.OpenApiDescription;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The dynamic half of the OpenAPI drift check: every operation of the description against a
 * really started server, provoking every status a single server can give; each answer must be
 * declared, with its headers and a body that validates ({@link OpenApiConformance}). The last
 * test names the statuses no test provoked: only those a single healthy server cannot give.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiConformanceTest {
  private static final String OBJECT = "/v1/objects/oa/dir/a.txt";
  private static final String MISSING = "/v1/objects/oa/no/such/key";
  private static final String AMBIGUOUS = "/v1/objects/o%2Fa/k";
  private static final Map<String, String> NONE = Map.of();
  private static final Map<String, String> RELAYED = Map.of(CvosHeaders.RELAYED, CvosHeaders.RELAYED_VALUE);
  private static final byte[] TOO_LARGE = new byte[100 * 1024];

  private static TestingCvosServer server;
  private static HttpClient http;
  private static OpenApiConformance conformance;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start(Map.of("http.max-object-size", "64k"));
    http = HttpClient.newBuilder().sslContext(trusting(server)).connectTimeout(Duration.ofSeconds(10)).build();
    conformance = new OpenApiConformance(OpenApiDocument.load());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /**
   * The 401 and 403 writes carry no body: the API key filter refuses before the body is read, and
   * the server may then close the connection under the client's next request on it (seen as
   * "header parser received no bytes"), which is not what this test is about.
   */
  @Test
  @Order(1)
  void writesAnswerAsDescribed() throws Exception {
    JsonNode created = call("PUT", OBJECT, Map.of("Content-Type", "text/plain", CvosHeaders.EXPIRES_AFTER, "3600"),
        "hello", true, 201);
    assertThat(created.path("expires").isTextual()).as("X-Cvos-Expires-After made it ephemeral").isTrue();
    call("PUT", OBJECT, Map.of("Content-Type", "text/plain"), "hello", true, 200);
    call("PUT", OBJECT, Map.of("If-None-Match", "*"), "again", true, 412);
    call("PUT", OBJECT, Map.of(CvosHeaders.EXPIRES_AFTER, "soon"), "x", true, 400);
    JsonNode mismatch = call("PUT", "/v1/objects/oa/sum", Map.of(CvosHeaders.SHA256, "0".repeat(64)), "x", true, 400);
    assertThat(mismatch.path("error").asText()).as("X-Cvos-Sha256 is checked").isEqualTo("checksum_mismatch");
    call("PUT", "/v1/objects/oa/sum", Map.of(CvosHeaders.SHA256,
        "2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881"), "x", true, 201);
    call("PUT", OBJECT, NONE, null, false, 401);
    call("PUT", OBJECT, RELAYED, null, true, 403);
    call("PUT", "/v1/objects/oa/big", NONE, TOO_LARGE, true, 413);

    JsonNode posted = call("POST", "/v1/objects/oa", Map.of("Content-Type", "image/png"), "png", true, 201);
    assertThat(posted.path("contentType").asText()).isEqualTo("image/png");
    assertThat(call("POST", "/v1/objects/Not_A_Bucket", NONE, "x", true, 400).path("error").asText())
        .isEqualTo("invalid_name");
    call("POST", "/v1/objects/oa", NONE, null, false, 401);
    call("POST", "/v1/objects/oa", RELAYED, null, true, 403);
    call("POST", "/v1/objects/oa", NONE, TOO_LARGE, true, 413);
  }

  @Test
  @Order(2)
  void readsAnswerAsDescribed() throws Exception {
    call("PUT", OBJECT, NONE, "0123456789", true, 200);
    HttpResponse<byte[]> whole = send("GET", OBJECT, NONE, null, true);
    conformance.check(whole);
    assertThat(whole.statusCode()).isEqualTo(200);
    String etag = whole.headers().firstValue("ETag").orElseThrow();
    call("GET", OBJECT, Map.of("Range", "bytes=2-4"), null, true, 206);
    call("GET", OBJECT, Map.of("If-None-Match", etag), null, true, 304);
    call("GET", OBJECT, Map.of("Range", "bytes=50-"), null, true, 416);
    call("GET", OBJECT, Map.of("Range", "bytes=0-1,3-4"), null, true, 400);
    call("GET", AMBIGUOUS, NONE, null, true, 400);
    call("GET", MISSING, NONE, null, true, 404);
    call("GET", OBJECT, NONE, null, false, 401);
    call("GET", OBJECT, RELAYED, null, true, 403);

    call("HEAD", OBJECT, NONE, null, true, 200);
    call("HEAD", OBJECT, Map.of("If-None-Match", etag), null, true, 304);
    call("HEAD", AMBIGUOUS, NONE, null, true, 400);
    call("HEAD", MISSING, NONE, null, true, 404);
    call("HEAD", OBJECT, NONE, null, false, 401);
    call("HEAD", OBJECT, RELAYED, null, true, 403);
  }

  @Test
  @Order(3)
  void listingsAnswerAsDescribed() throws Exception {
    call("PUT", "/v1/objects/oa/list/1", NONE, "1", true, 201);
    call("PUT", "/v1/objects/oa/list/2", NONE, "2", true, 201);
    JsonNode page = call("GET", "/v1/objects/oa?prefix=list/&limit=1", NONE, null, true, 200);
    assertThat(page.path("next").isTextual()).as("a first page of two names the next").isTrue();
    call("GET", "/v1/objects/oa?limit=many", NONE, null, true, 400);
    call("GET", "/v1/objects/oa", NONE, null, false, 401);
    call("GET", "/v1/objects/oa", RELAYED, null, true, 403);
  }

  @Test
  @Order(4)
  void deletesAnswerAsDescribed() throws Exception {
    call("DELETE", OBJECT, NONE, null, false, 401);
    call("DELETE", OBJECT, RELAYED, null, true, 403);
    call("DELETE", AMBIGUOUS, NONE, null, true, 400);
    call("DELETE", OBJECT, NONE, null, true, 204);
    call("DELETE", OBJECT, NONE, null, true, 404);
  }

  @Test
  @Order(5)
  void clusterAndOperationsAnswerAsDescribed() throws Exception {
    JsonNode cluster = call("GET", "/v1/cluster", NONE, null, true, 200);
    assertThat(cluster.path("servers")).isNotEmpty();
    call("GET", "/v1/cluster", NONE, null, false, 401);
    call("GET", "/v1/cluster", RELAYED, null, true, 403);
    call("GET", "/health/live", NONE, null, false, 200);
    call("GET", "/health/ready", NONE, null, false, 200);
    call("GET", "/metrics", NONE, null, false, 200);
  }

  @Test
  @Order(6)
  void theDescriptionIsServedOpenFromTheResourceFile() throws Exception {
    byte[] resource;
    try (InputStream in = OpenApiDescription.openYaml()) {
      resource = in.readAllBytes();
    }
    JsonNode json = call("GET", OpenApiDescription.JSON_PATH, NONE, null, false, 200);
    assertThat(json).isEqualTo(new YAMLMapper().readTree(resource));
    HttpResponse<byte[]> yaml = send("GET", OpenApiDescription.YAML_PATH, NONE, null, false);
    conformance.check(yaml);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.body()).isEqualTo(resource);
    assertThat(yaml.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/yaml"));
  }

  /** Only what a single healthy server cannot be made to answer stays unprovoked. */
  @Test
  @Order(100)
  void everyOperationWasReachedAndOnlyClusterFailuresStayUnprovoked() {
    assertThat(conformance.unreached()).as("operations no test reached").isEmpty();
    Map<String, Set<Integer>> unprovokable = new HashMap<>();
    // 503: a storing server that could hold the object did not answer (needs a cluster with a
    // stopped peer: RelayClusterProcessTest, PrimaryRedundantAndSimpleSecondaryTest); 507: a full
    // disk (DiskFullTest, root only).
    for (String operation : new String[] {"GET /v1/objects/{bucket}", "GET /v1/objects/{bucket}/{key}",
        "HEAD /v1/objects/{bucket}/{key}", "DELETE /v1/objects/{bucket}/{key}", "GET /v1/cluster", "GET /health/ready"}) {
      unprovokable.put(operation, Set.of(503));
    }
    unprovokable.put("POST /v1/objects/{bucket}", Set.of(503, 507));
    unprovokable.put("PUT /v1/objects/{bucket}/{key}", Set.of(503, 507));
    assertThat(conformance.unseen()).as("declared statuses no test provoked")
        .containsExactlyInAnyOrderElementsOf(OpenApiConformance.pairs(unprovokable));
  }

  /** Sends, checks the answer against the description and its expected status, returns its JSON body. */
  private static JsonNode call(String method, String path, Map<String, String> headers, Object body, boolean auth,
      int expectedStatus) throws Exception {
    HttpResponse<byte[]> response = send(method, path, headers, body, auth);
    JsonNode json = conformance.check(response);
    assertThat(response.statusCode()).as("%s %s: %s", method, path, new String(response.body(), StandardCharsets.UTF_8))
        .isEqualTo(expectedStatus);
    return json;
  }

  private static HttpResponse<byte[]> send(String method, String path, Map<String, String> headers, Object body,
      boolean auth) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.httpsUri() + path))
        .timeout(Duration.ofSeconds(30));
    headers.forEach(request::header);
    if (auth) {
      request.header("Authorization", "Bearer " + TestingCvosServer.API_KEY);
    }
    byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : (byte[]) body;
    request.method(method, bytes == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofByteArray(bytes));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private static SSLContext trusting(TestingCvosServer server) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream pem = Files.newInputStream(server.certificate())) {
      trust.setCertificateEntry("cvos", CertificateFactory.getInstance("X.509").generateCertificate(pem));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
