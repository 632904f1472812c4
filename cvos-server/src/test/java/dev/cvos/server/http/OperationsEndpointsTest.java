package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.ClusterServer;
import dev.cvos.api.ClusterView;
import dev.cvos.domain.relay.Eventually;
import dev.cvos.server.testing.WireClient;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** /v1/cluster, /health/*, /metrics, and the expiry sweep, on a real server. */
class OperationsEndpointsTest {
  @Test
  void clusterShowsThisServerRegisteredAndHealthy() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start()) {
      ClusterView view = server.client().cluster();
      assertThat(view.id()).isEqualTo(server.serverId());
      assertThat(view.role()).isEqualTo("primary");
      ClusterServer self = view.servers().stream().filter(s -> s.id().equals(server.serverId())).findFirst().orElseThrow();
      assertThat(self.url()).isEqualTo(server.httpsUri().toString());
      assertThat(self.role()).isEqualTo("primary");
      assertThat(self.storageMode()).isEqualTo("local");
      assertThat(self.state()).isEqualTo("healthy");
      Instant firstSeen = self.lastSeen();
      Eventually.within(Duration.ofSeconds(30), () -> {
        ClusterServer later = server.client().cluster().servers().stream()
            .filter(s -> s.id().equals(server.serverId())).findFirst().orElseThrow();
        assertThat(later.lastSeen()).as("heartbeats move lastSeen").isAfter(firstSeen);
      });
    }
  }

  @Test
  void advertisedUrlDefaultsToTheFirstCertificateHostNameOrIsTakenFromConfig() throws Exception {
    try (TestingCvosServer named = TestingCvosServer.start(Map.of("tls.hostnames", "cvos-7.example.com,10.0.0.7"))) {
      assertThat(named.server().advertisedUrl().toString())
          .isEqualTo("https://cvos-7.example.com:" + named.httpsUri().getPort());
      assertThat(named.client().cluster().servers()).extracting(ClusterServer::url)
          .contains(named.server().advertisedUrl().toString());
    }
    try (TestingCvosServer configured = TestingCvosServer.start(Map.of("server.advertised-url", "https://lb.example:443"))) {
      assertThat(configured.client().cluster().servers()).extracting(ClusterServer::url).contains("https://lb.example:443");
    }
  }

  @Test
  void optionalPlainHttpPortServesClientsWithTheSameRules() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start(Map.of("http.plain.enabled", "true", "http.plain.port", "0"))) {
      java.net.URI plain = server.server().plainUri().orElseThrow();
      assertThat(plain.getScheme()).isEqualTo("http");
      WireClient client = WireClient.builder(plain).apiKey(TestingCvosServer.API_KEY).build();
      assertThat(client.put("plain", "k", BodyPublishers.ofString("over http"), WriteOptions.none()).status())
          .isEqualTo(201);
      HttpResponse<String> noKey = WireClient.builder(plain).build()
          .exchange("GET", "/v1/objects/plain/k", Map.of(), BodyPublishers.noBody());
      assertThat(noKey.statusCode()).isEqualTo(401);
      assertThat(noKey.headers().firstValue("X-Cvos-Server")).contains(server.serverId());
    }
    try (TestingCvosServer server = TestingCvosServer.start()) {
      assertThat(server.server().plainUri()).isEmpty();
    }
  }

  @Test
  void readyIs503WithTheReasonWhenTheStorageIsGone() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start()) {
      WireClient client = server.client();
      HttpResponse<String> ready = client.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody());
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"ready\"");

      TestingCvosServer.deleteRecursively(server.storageRoot());
      HttpResponse<String> notReady = client.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody());
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"error\":\"unavailable\"").contains("storage");
      assertThat(client.exchange("GET", "/health/live", Map.of(), BodyPublishers.noBody()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void readinessWithoutAKeyNamesNoPathNorUrlAndIsCachedWhileWithAKeyItGivesDetails() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start()) {
      WireClient keyed = server.client();
      String storagePath = server.storageRoot().toString();
      HttpResponse<String> anonymous = keyed.exchange("GET", "/health/ready", Map.of("Authorization", "Bearer wrong"),
          BodyPublishers.noBody());
      assertThat(anonymous.statusCode()).isEqualTo(200);
      assertThat(anonymous.body()).contains("\"status\":\"ready\"").doesNotContain(storagePath)
          .doesNotContain("jdbc:").doesNotContain("checks");

      HttpResponse<String> detailed = keyed.exchange("GET", "/health/ready", Map.of(), BodyPublishers.noBody());
      assertThat(detailed.statusCode()).isEqualTo(200);
      assertThat(detailed.body()).contains("\"checks\"").contains("jdbc:postgresql");

      TestingCvosServer.deleteRecursively(server.storageRoot());
      HttpResponse<String> notReady = anonymousReadiness(keyed);
      Instant deadline = Instant.now().plusSeconds(10);
      while (notReady.statusCode() == 200 && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
        notReady = anonymousReadiness(keyed);
      }
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("storage").doesNotContain(storagePath).doesNotContain("jdbc:");
    }
  }

  private static HttpResponse<String> anonymousReadiness(WireClient client) throws Exception {
    return client.exchange("GET", "/health/ready", Map.of("Authorization", "Bearer wrong"), BodyPublishers.noBody());
  }

  @Test
  void metricsCountRequestsByRouteTemplateAndBytesAndStoredObjects() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start(Map.of("metrics.inventory-interval", "200ms"))) {
      WireClient client = server.client();
      client.put("m", "a/b/c", BodyPublishers.ofString("12345"), WriteOptions.none());
      client.get("m", "a/b/c", Map.of()).body().readAllBytes();
      client.get("m", "missing", Map.of()).body().readAllBytes();
      // the inventory is counted every 200 ms, and a request is counted once its answer is sent
      Eventually.within(Duration.ofSeconds(20), () -> {
        String metrics = client.exchange("GET", "/metrics", Map.of(), BodyPublishers.noBody()).body();
        assertThat(metrics)
            .contains("cvos_http_requests_seconds_count{method=\"PUT\",route=\"/v1/objects/{bucket}/{key}\",server=\""
                + server.serverId() + "\",status=\"201\"} 1")
            .contains("route=\"/v1/objects/{bucket}/{key}\",server=\"" + server.serverId() + "\",status=\"404\"")
            .contains("cvos_http_requests_seconds_bucket{")
            .contains("cvos_http_received_bytes_total")
            .contains("cvos_http_sent_bytes_total")
            .contains("cvos_store_objects{server=\"" + server.serverId() + "\"} 1.0")
            .contains("cvos_store_bytes{server=\"" + server.serverId() + "\"} 5.0")
            .doesNotContain("a/b/c");
      });
    }
  }

  @Test
  void expirySweepReclaimsTheBytesOfExpiredObjects() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start(Map.of("sweep.interval", "200ms"))) {
      WireClient client = server.client();
      client.put("sweep", "short", BodyPublishers.ofString("short-lived"),
          WriteOptions.none().withExpiresAfter(Duration.ofSeconds(1)));
      client.put("sweep", "kept", BodyPublishers.ofString("kept"), WriteOptions.none());
      assertThat(objectFiles(server.storageRoot())).isEqualTo(2);
      Instant deadline = Instant.now().plusSeconds(10);
      while (objectFiles(server.storageRoot()) > 1 && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertThat(objectFiles(server.storageRoot())).isEqualTo(1);
      assertThat(client.head("sweep", "kept").statusCode()).isEqualTo(200);
      String metrics = client.exchange("GET", "/metrics", Map.of(), BodyPublishers.noBody()).body();
      assertThat(metrics).contains("cvos_expiry_reclaimed_total{server=\"" + server.serverId() + "\"} 1.0");
    }
  }

  private static long objectFiles(Path root) throws Exception {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> !ObjectFileLayout.isTemporaryFileName(p.getFileName().toString())).count();
    }
  }
}
