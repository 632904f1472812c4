package dev.cvos.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cvos.server.object.ObjectReads;
import dev.cvos.server.testing.TestingCvosServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A store that fails unexpectedly (a RuntimeException) on the read path: the request is still
 * answered (503), and the failure is logged once by the read path with its bucket and key, not
 * swallowed.
 */
class ReadPathFailureLoggingTest {
  @TempDir
  Path plugins;

  @Test
  void anUnexpectedStoreFailureOnTheReadPathIsLoggedWithBucketAndKey() throws Exception {
    String pkg = "test.plugin.boom";
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(pkg + ".Factory", TestPlugins.factory(pkg, "Factory", "boom", "dev.cvos.storage.spi.SpiVersion.MAJOR",
        "return new " + pkg + ".BoomStore();"));
    sources.put(pkg + ".BoomStore", """
        package test.plugin.boom;
        import dev.cvos.storage.spi.*;
        import java.io.*;
        import java.time.Instant;
        import java.util.*;
        public final class BoomStore implements ObjectStore {
          public ObjectMetadata put(WriteRequest r, InputStream b) throws IOException {
            throw new UnsupportedStoreOperationException("stores nothing");
          }
          public StoredObject get(String b, String k, ByteRange r) { throw new IllegalStateException("boom on get"); }
          public Optional<ObjectMetadata> stat(String b, String k) { throw new IllegalStateException("boom on stat"); }
          public boolean delete(String b, String k) { return false; }
          public ObjectListing list(String b, ListRequest r) { return new ObjectListing(List.of(), null); }
          public List<String> buckets() { return List.of(); }
          public int purgeExpired(Instant now) { return 0; }
          public long usableSpace() { return 1; }
          public StoreHealth health() { return StoreHealth.healthy("boom"); }
          public void close() {}
        }
        """);
    PluginJars.compile(plugins.resolve("boom").resolve("boom.jar"), sources,
        Map.of(PluginJars.SERVICE_FILE, pkg + ".Factory\n"), java.util.List.of());

    Logger readPath = (Logger) LoggerFactory.getLogger(ObjectReads.class);
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    readPath.addAppender(lines);
    try (TestingCvosServer server = TestingCvosServer.start(Map.of("plugin.dir", plugins.toString(),
        "storage.provider", "boom"))) {
      int status = server.client().exchange("GET", "/v1/objects/b/the-key", Map.of(), BodyPublishers.noBody())
          .statusCode();
      assertThat(status).as("answered, not swallowed").isEqualTo(503);
    } finally {
      readPath.detachAppender(lines);
    }
    assertThat(lines.list).anySatisfy(line -> {
      assertThat(line.getLevel()).isEqualTo(Level.ERROR);
      assertThat(line.getFormattedMessage()).contains("the-key").contains("bucket b");
      assertThat(line.getThrowableProxy()).isNotNull();
    });
  }
}
