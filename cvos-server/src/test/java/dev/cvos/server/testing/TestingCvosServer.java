package dev.cvos.server.testing;

import dev.cvos.server.CvosServer;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.CvosConfig;
import dev.cvos.server.logging.JulBridge;
import dev.cvos.server.persistence.TestingDatabase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real CVOS server for tests, in this JVM: the production modules and start sequence, with the
 * testing swaps of Trino's TestingTrinoServer — HTTPS on a free port of 127.0.0.1 with the
 * self-signed certificate, a temporary data directory deleted on close, a fresh database in the
 * JVM's shared embedded PostgreSQL ({@link TestingDatabase}), the real local store.
 */
public final class TestingCvosServer implements AutoCloseable {
  /** The API key the server accepts unless a test configures others. */
  public static final String API_KEY = "test-api-key-0123456789abcdef";

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final Path dataDir;
  private final CvosServer server;
  private final String serverId;

  private TestingCvosServer(Map<String, String> overrides) throws Exception {
    JulBridge.install();
    this.dataDir = Files.createTempDirectory("cvos-server-test");
    Map<String, String> values = new HashMap<>();
    values.put("server.id", "test-" + SERVERS.incrementAndGet());
    values.put("server.data-dir", dataDir.toString());
    values.put("http.host", "127.0.0.1");
    values.put("http.https-port", "0");
    values.put("auth.api-keys", API_KEY);
    values.put("registry.heartbeat-interval", "1s");
    values.put("registry.offline-after", "5s");
    values.putAll(TestingDatabase.create().configValues());
    values.putAll(overrides);
    values.values().removeIf(v -> v == null);
    try {
      CvosConfig config = CvosConfig.read(ConfigValues.of(values, Map.of()), dataDir);
      this.serverId = config.server().id();
      this.server = CvosServer.start(config);
    } catch (Exception | Error e) {
      deleteRecursively(dataDir);
      throw e;
    }
  }

  /** A server with the default testing configuration. */
  public static TestingCvosServer start() throws Exception {
    return new TestingCvosServer(Map.of());
  }

  /** A server with these configuration keys added to (or, with a null value, removed from) the defaults. */
  public static TestingCvosServer start(Map<String, String> overrides) throws Exception {
    return new TestingCvosServer(overrides);
  }

  public CvosServer server() {
    return server;
  }

  public String serverId() {
    return serverId;
  }

  public URI httpsUri() {
    return server.httpsUri();
  }

  public Path dataDir() {
    return dataDir;
  }

  /** The local store's root (the default under the data directory). */
  public Path storageRoot() {
    return dataDir.resolve("objects");
  }

  /** The PEM of the server's self-signed certificate. */
  public Path certificate() {
    return dataDir.resolve("tls/server.crt");
  }

  /** A client that trusts the server's certificate and sends {@link #API_KEY}. */
  public WireClient client() throws IOException, GeneralSecurityException {
    return clientWithKey(API_KEY);
  }

  /** A client that trusts the server's certificate and sends {@code apiKey} (none when null). */
  public WireClient clientWithKey(String apiKey) throws IOException, GeneralSecurityException {
    return WireClient.builder(httpsUri()).trustCertificate(certificate()).apiKey(apiKey).build();
  }

  @Override
  public void close() throws Exception {
    try {
      server.close();
    } finally {
      deleteRecursively(dataDir);
    }
  }

  /** Deletes a directory tree. */
  public static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
