package dev.cvos.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.storage.spi.ObjectStore;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real server (HTTPS, PostgreSQL) whose store is the example plugin, loaded from a plugins
 * directory in its own class loader, serving the Objects API; and servers that refuse to start
 * over a faulty plugin or an unknown provider.
 */
class PluginStoreServerTest {
  @TempDir
  Path plugins;

  @TempDir
  Path objects;

  private Map<String, String> flatStoreConfig() {
    return Map.of(
        "plugin.dir", plugins.toString(),
        "storage.provider", "flat",
        "storage.config.root", objects.toString());
  }

  @Test
  void examplePluginFromThePluginsDirectoryServesPutGetAndDeleteOverHttps() throws Exception {
    PluginJars.installExample(plugins, "example");
    try (TestingCvosServer server = TestingCvosServer.start(flatStoreConfig())) {
      WireClient client = server.client();
      ObjectStore store = server.server().injector().getInstance(ObjectStore.class);
      assertThat(store).isInstanceOf(ClassLoaderSafeObjectStore.class);
      assertThat(store.toString()).isEqualTo("flat store in " + objects + " (in plugin-example)");

      Written put = client.put("photos", "2026/party.jpg", BodyPublishers.ofString("not really a jpeg"),
          WriteOptions.none().withContentType("image/jpeg"));
      assertThat(put.status()).isEqualTo(201);
      assertThat(objectFiles()).containsExactly(objects.resolve("photos").resolve(sha256("2026/party.jpg") + ".obj"));

      HttpResponse<InputStream> get = client.get("photos", "2026/party.jpg", Map.of());
      assertThat(get.statusCode()).isEqualTo(200);
      assertThat(new String(get.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("not really a jpeg");
      assertThat(get.headers().firstValue("Content-Type")).contains("image/jpeg");
      HttpResponse<InputStream> range = client.get("photos", "2026/party.jpg", Map.of("Range", "bytes=4-9"));
      assertThat(range.statusCode()).isEqualTo(206);
      assertThat(new String(range.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("really");

      assertThat(client.delete("photos", "2026/party.jpg")).isTrue();
      assertThat(objectFiles()).isEmpty();
      HttpResponse<InputStream> gone = client.get("photos", "2026/party.jpg", Map.of());
      gone.body().close();
      assertThat(gone.statusCode()).isEqualTo(404);
    }
  }

  private List<Path> objectFiles() throws Exception {
    try (Stream<Path> walk = Files.walk(objects)) {
      return walk.filter(p -> p.getFileName().toString().endsWith(".obj")).toList();
    }
  }

  private static String sha256(String key) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void serverDoesNotStartOverAPluginBuiltForAnotherSpi() throws Exception {
    PluginJars.installExample(plugins, "example");
    TestPlugins.plugin(plugins.resolve("future").resolve("future.jar"), "future",
        "dev.cvos.storage.spi.SpiVersion.MAJOR + 1", TestPlugins.returnProbe("future", "\"x\""));

    assertThatThrownBy(() -> TestingCvosServer.start(flatStoreConfig()).close())
        .hasStackTraceContaining("plugin directory " + plugins.resolve("future"))
        .hasStackTraceContaining("was built for storage SPI 2");
  }

  @Test
  void serverDoesNotStartWhenTheStoreFactoryThrows() throws Exception {
    TestPlugins.plugin(plugins.resolve("crash").resolve("crash.jar"), "crash", "dev.cvos.storage.spi.SpiVersion.MAJOR",
        "throw new IllegalStateException(\"cannot reach the bucket service\");");

    assertThatThrownBy(() -> TestingCvosServer.start(Map.of("plugin.dir", plugins.toString(),
        "storage.provider", "crash")).close())
        .hasStackTraceContaining("plugin directory " + plugins.resolve("crash"))
        .hasStackTraceContaining("failed to create its store")
        .hasStackTraceContaining("cannot reach the bucket service");
  }

  @Test
  void unknownProviderStopsTheStartListingTheAvailableOnes() throws Exception {
    PluginJars.installExample(plugins, "example");

    assertThatThrownBy(() -> TestingCvosServer.start(Map.of("plugin.dir", plugins.toString(),
        "storage.provider", "s3")).close())
        .hasStackTraceContaining("storage.provider is 's3', but no store provider has that name; available: [flat, local");
  }
}
