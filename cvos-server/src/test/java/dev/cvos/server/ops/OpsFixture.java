package dev.cvos.server.ops;

import com.google.inject.Guice;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.CvosConfig;
import dev.cvos.server.persistence.Database;
import dev.cvos.server.persistence.PersistenceModule;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * One storing server's setup for the operations tests: a real local store in a temporary
 * directory and a fresh database in the test PostgreSQL.
 */
final class OpsFixture implements AutoCloseable {
  final Path base;
  final Path root;
  final TestingDatabase testingDatabase;
  final Database database;
  final ServerSetup setup;
  final ObjectStore store;
  final StringWriter messages = new StringWriter();

  private OpsFixture(Path base, Path root, TestingDatabase testingDatabase, Database database,
      ServerSetup setup, ObjectStore store) {
    this.base = base;
    this.root = root;
    this.testingDatabase = testingDatabase;
    this.database = database;
    this.setup = setup;
    this.store = store;
  }

  /** A server {@code id} in {@code role} (primary, redundant-secondary...) over {@code base}. */
  static OpsFixture create(Path base, String id, String role, String mode) throws Exception {
    Path root = Files.createDirectories(base.resolve("objects"));
    TestingDatabase testingDatabase = TestingDatabase.create();
    Database database = testingDatabase.start();
    Map<String, String> values = new HashMap<>(testingDatabase.configValues());
    values.put("server.id", id);
    values.put("server.role", role);
    values.put("server.storage-mode", mode);
    values.put("storage.config.root", root.toString());
    values.put("storage.config.fsync", "false");
    values.put("auth.development-mode", "true");
    values.put("peer.key", "ops-test-peer-key-0123456789");
    Path configFile = base.resolve("cvos.yaml");
    Files.writeString(configFile, "# the configuration of " + id + "\n");
    CvosConfig config = CvosConfig.read(ConfigValues.of(values, Map.of()), base);
    ServerSetup setup = ServerSetup.of(config, configFile);
    ObjectStore store = localStore(root, id);
    return new OpsFixture(base, root, testingDatabase, database, setup, store);
  }

  /** A local store over {@code root}, as a server {@code id} opens it. */
  static ObjectStore localStore(Path root, String id) throws IOException {
    return new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"),
        StoreContext.of(Clock.systemUTC(), id));
  }

  DeletionLog deletionLog() {
    return Guice.createInjector(new PersistenceModule(database)).getInstance(DeletionLog.class);
  }

  Progress progress() {
    return new Progress(new PrintWriter(messages, true), Clock.systemUTC(), Duration.ofSeconds(1));
  }

  PrintWriter messageWriter() {
    return new PrintWriter(messages, true);
  }

  static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static ObjectMetadata put(ObjectStore store, String bucket, String key, byte[] body)
      throws IOException {
    return store.put(WriteRequest.of(bucket, key).withContentType("image/jpeg"),
        new ByteArrayInputStream(body));
  }

  static byte[] read(ObjectStore store, String bucket, String key) throws IOException {
    try (var object = store.get(bucket, key, dev.cvos.storage.spi.ByteRange.ALL)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      object.body().transferTo(out);
      return out.toByteArray();
    }
  }

  @Override
  public void close() throws Exception {
    store.close();
    database.close();
  }
}
