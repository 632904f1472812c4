package dev.cvos.server.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sources of small plugins for the loading tests: a factory whose name, SPI version and {@code
 * create} body a test chooses, and a probe store whose {@code health()} reports what the plugin
 * sees (a detail of its choosing and the thread context class loader's name).
 */
final class TestPlugins {
  private TestPlugins() {}

  static String factory(String packageName, String className, String name, String versionExpression,
      String createBody) {
    return """
        package %s;
        import dev.cvos.storage.spi.*;
        import java.util.Map;
        public final class %s implements ObjectStoreFactory {
          public String name() { return "%s"; }
          public int spiMajorVersion() { return %s; }
          public ObjectStore create(Map<String, String> config, StoreContext context) { %s }
        }
        """.formatted(packageName, className, name, versionExpression, createBody);
  }

  static String probeStore(String packageName) {
    return """
        package %s;
        import dev.cvos.storage.spi.*;
        import java.io.*;
        import java.time.Instant;
        import java.util.*;
        public final class ProbeStore implements ObjectStore {
          private final String detail;
          public ProbeStore(String detail) { this.detail = detail; }
          private static String tccl() { return Thread.currentThread().getContextClassLoader().getName(); }
          public ObjectMetadata put(WriteRequest r, InputStream b) throws IOException {
            throw new UnsupportedStoreOperationException("probe store stores nothing");
          }
          public StoredObject get(String b, String k, ByteRange r) throws IOException {
            throw new ObjectNotFoundException("probe store holds nothing");
          }
          public Optional<ObjectMetadata> stat(String b, String k) { return Optional.empty(); }
          public boolean delete(String b, String k) { return false; }
          public ObjectListing list(String b, ListRequest r) { return new ObjectListing(List.of(), null); }
          public List<String> buckets() { return List.of(tccl()); }
          public int purgeExpired(Instant now) { return 0; }
          public long usableSpace() { return 1; }
          public StoreHealth health() { return StoreHealth.healthy(detail + " tccl=" + tccl()); }
          public void close() {}
        }
        """.formatted(packageName);
  }

  /** A plugin jar with one factory and the probe store, registered in its service file. */
  static Path plugin(Path jar, String name, String versionExpression, String createBody) throws IOException {
    return plugin(jar, name, versionExpression, createBody, List.of());
  }

  static Path plugin(Path jar, String name, String versionExpression, String createBody, List<Path> classpath)
      throws IOException {
    String pkg = "test.plugin." + name.replace('-', '_');
    Map<String, String> sources = new LinkedHashMap<>();
    sources.put(pkg + ".Factory", factory(pkg, "Factory", name, versionExpression, createBody));
    sources.put(pkg + ".ProbeStore", probeStore(pkg));
    return PluginJars.compile(jar, sources, Map.of(PluginJars.SERVICE_FILE, pkg + ".Factory\n"), classpath);
  }

  /** The body of a {@code create} that returns a probe store reporting {@code detailExpression}. */
  static String returnProbe(String name, String detailExpression) {
    return "return new test.plugin." + name.replace('-', '_') + ".ProbeStore(" + detailExpression + ");";
  }
}
