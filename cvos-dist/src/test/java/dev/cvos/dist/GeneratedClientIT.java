package dev.cvos.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cvos.generated.ApiClient;
import dev.cvos.generated.ApiException;
import dev.cvos.generated.api.ObjectsApi;
import dev.cvos.generated.model.ObjectInfo;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API description is usable by generators: the Java client openapi-generator makes from it
 * (the build generates it from the document the servers serve at /openapi.json) stores, reads, reads
 * a range of, posts and deletes an object whose key holds '/' (which the client sends as %2F),
 * against the packaged server, started with bin/start.
 */
class GeneratedClientIT {
  private static final String API_KEY = "generated-client-key-0123456789";

  @TempDir
  Path temp;

  private Path home;

  @AfterEach
  void stop() throws Exception {
    if (home != null && Files.exists(home.resolve("var/run/cvos.pid"))) {
      script("stop", 0);
    }
  }

  @Test
  void theGeneratedJavaClientWritesReadsAndDeletesAKeyWithSlashes() throws Exception {
    int port = freePort();
    start(port);
    SSLContext tls = trusting(home.resolve("var/tls/server.crt"));
    URI base = URI.create("https://localhost:" + port);
    assertThat(served(base, tls)).as("the document the client was generated from is the one served")
        .isEqualTo(new YAMLMapper().readTree(Path.of("../cvos-api/src/main/resources/dev/cvos/api/openapi.yaml").toFile()));

    try (CloseableHttpClient http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(new DefaultClientTlsStrategy(tls)).build())
        .build()) {
      ApiClient client = new ApiClient(http);
      client.setBasePath(base.toString());
      client.setBearerToken(API_KEY);
      ObjectsApi objects = new ObjectsApi(client);
      byte[] body = new byte[70_000];
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) (i * 31 + i / 256);
      }
      File upload = Files.write(temp.resolve("upload.bin"), body).toFile();
      String key = "camera-7/2026-11-26/event 000123.jpg";

      ObjectInfo stored = objects.putObject("events", key, upload, null, null, null);
      assertThat(stored.getKey()).isEqualTo(key);
      assertThat(stored.getSize()).isEqualTo((long) body.length);

      assertThat(Files.readAllBytes(objects.getObject("events", key, null, null).toPath())).isEqualTo(body);
      assertThat(Files.readAllBytes(objects.getObject("events", key, "bytes=100-199", null).toPath()))
          .isEqualTo(Arrays.copyOfRange(body, 100, 200));
      assertThat(objects.listObjects("events", "camera-7/", null, null).getItems())
          .extracting(ObjectInfo::getKey).containsExactly(key);

      ObjectInfo posted = objects.postObject("events", upload, 600, null);
      assertThat(Files.readAllBytes(objects.getObject("events", posted.getKey(), null, null).toPath())).isEqualTo(body);

      objects.deleteObject("events", key);
      objects.deleteObject("events", posted.getKey());
      assertThatThrownBy(() -> objects.getObject("events", key, null, null))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.getCode()).isEqualTo(404));
    }
  }

  private void start(int port) throws Exception {
    Path archive = Path.of(System.getProperty("cvos.dist.archive"));
    Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", temp.toString()).inheritIO().start();
    assertThat(tar.waitFor()).isZero();
    home = temp.resolve("cvos-" + System.getProperty("cvos.dist.version"));
    Files.writeString(home.resolve("conf/cvos.yaml"), """
        http:
          https-port: %d
        auth:
          api-keys: [%s]
        server:
          id: generated-client
        """.formatted(port, API_KEY));
    script("start", 0);
  }

  private void script(String name, int expected) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin").resolve(name).toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CVOS_JAVA_OPTS", "-Xmx256m");
    Path output = Files.createTempFile(temp, name, ".out");
    builder.redirectOutput(output.toFile());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(240, TimeUnit.SECONDS)).as(name + " finished").isTrue();
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.exitValue()).as(Files.readString(output)).isEqualTo(expected);
  }

  private static JsonNode served(URI base, SSLContext tls) throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
    HttpResponse<InputStream> response = http.send(
        HttpRequest.newBuilder(base.resolve("/openapi.json")).build(), HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.statusCode()).isEqualTo(200);
    try (InputStream in = response.body()) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static SSLContext trusting(Path certificate) throws Exception {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(certificate)) {
      trust.setCertificateEntry("cvos", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
