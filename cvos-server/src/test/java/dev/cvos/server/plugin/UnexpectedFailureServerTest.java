package dev.cvos.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosPaths;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Unexpected failures are logged with their stack and answered 503 unavailable with Retry-After"
 * (cvos-server/README.md): a real server over a store plugin whose every object operation throws
 * an {@link IllegalStateException}, a failure no part of the server expects, answers every object
 * request 503 with Retry-After and the {@code unavailable} error, never another 5xx.
 */
class UnexpectedFailureServerTest {
  private static final String BROKEN_STORE = """
      package test.plugin.broken;
      import dev.cvos.storage.spi.*;
      import java.io.*;
      import java.time.Instant;
      import java.util.*;
      public final class BrokenStore implements ObjectStore {
        private static IllegalStateException bug() { return new IllegalStateException("a bug in the store"); }
        public ObjectMetadata put(WriteRequest r, InputStream b) { throw bug(); }
        public StoredObject get(String b, String k, ByteRange r) { throw bug(); }
        public Optional<ObjectMetadata> stat(String b, String k) { throw bug(); }
        public boolean delete(String b, String k) { throw bug(); }
        public ObjectListing list(String b, ListRequest r) { throw bug(); }
        public List<String> buckets() { return List.of(); }
        public int purgeExpired(Instant now) { return 0; }
        public long usableSpace() { return 1L << 40; }
        public StoreHealth health() { return StoreHealth.healthy("broken on purpose"); }
        public void close() {}
      }
      """;

  @TempDir Path plugins;

  @Test
  void everyObjectRequestThatMeetsAnUnexpectedFailureIsAnswered503WithRetryAfter() throws Exception {
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put("test.plugin.broken.Factory", TestPlugins.factory("test.plugin.broken", "Factory", "broken",
        "dev.cvos.storage.spi.SpiVersion.MAJOR", "return new test.plugin.broken.BrokenStore();"));
    sources.put("test.plugin.broken.BrokenStore", BROKEN_STORE);
    PluginJars.compile(plugins.resolve("broken").resolve("broken.jar"), sources,
        Map.of(PluginJars.SERVICE_FILE, "test.plugin.broken.Factory\n"));

    try (TestingCvosServer server = TestingCvosServer.start(Map.of(
        "plugin.dir", plugins.toString(), "storage.provider", "broken"))) {
      WireClient client = server.client();
      String object = CvosPaths.object("photos", "a.jpg");
      Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
      answers.put("PUT", client.exchange("PUT", object, Map.of(), BodyPublishers.ofString("body")));
      answers.put("GET", client.exchange("GET", object, Map.of(), BodyPublishers.noBody()));
      answers.put("GET range", client.exchange("GET", object, Map.of("Range", "bytes=0-1"), BodyPublishers.noBody()));
      answers.put("HEAD", client.exchange("HEAD", object, Map.of(), BodyPublishers.noBody()));
      answers.put("DELETE", client.exchange("DELETE", object, Map.of(), BodyPublishers.noBody()));
      // The listing is answered from the object catalog, not the store: it never meets the store's bug.
      HttpResponse<String> list = client.exchange("GET", CvosPaths.listing("photos", null, null, null), Map.of(),
          BodyPublishers.noBody());
      assertThat(list.statusCode()).as("list, from the catalog").isEqualTo(200);

      answers.forEach((request, answer) -> {
        assertThat(answer.statusCode()).as(request).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).as(request + " Retry-After").isPresent();
        if (!request.equals("HEAD")) {
          assertThat(client.errorBody(answer.body()).error()).as(request + " error").isEqualTo("unavailable");
        }
      });
    }
  }
}
