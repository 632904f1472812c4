package dev.cvos.server.shared;

import static dev.cvos.server.shared.SharedCluster.body;
import static dev.cvos.server.shared.SharedCluster.keys;
import static dev.cvos.server.shared.SharedCluster.server;
import static dev.cvos.server.shared.SharedCluster.source;
import static dev.cvos.server.shared.SharedCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.server.cluster.ClusterNode;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.storage.smb.TestingSmbServer;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shared storage on one SMB share reached directly: a primary A and a redundant secondary B, real
 * processes over one database, both with the {@code smb} store on the same folder of a real smbd
 * share and {@code server.storage-mode: shared}. Each serves what the other stored from the share,
 * without a relay.
 *
 * <p>A third storing server M has the {@code local} store on the directory smbd exports, as a
 * server that mounts the same storage over NFS would: the portable object file format makes all
 * three see the same objects.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSmbShareClusterProcessTest {
  private static final String BUCKET = "events";

  private final TestingSmbServer smbd = new TestingSmbServer();
  private Path exportedDirectory;
  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode m;
  private SharedCluster cluster;

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    smbd.start();
    String folderUrl = smbd.newFolderUrl(TestingSmbServer.USER_SHARE);
    exportedDirectory = smbd.folderDirectory(TestingSmbServer.USER_SHARE, folderUrl);
    TestingDatabase database = TestingDatabase.create();
    a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, onShare(folderUrl));
    b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, onShare(folderUrl));
    Map<String, String> mounted = new HashMap<>(SharedCluster.TIMING);
    mounted.put("storage.provider", "local");
    mounted.put("storage.config.root", exportedDirectory.toString());
    m = new ClusterNode("node-m", "redundant-secondary", temp.resolve("m"), database, mounted);
    cluster = SharedCluster.start(List.of(a, b, m));
  }

  private Map<String, String> onShare(String folderUrl) {
    Map<String, String> values = new HashMap<>(SharedCluster.TIMING);
    values.put("storage.provider", "smb");
    values.put("storage.config.url", folderUrl);
    values.put("storage.config.user", smbd.user());
    values.put("storage.config.password", smbd.password());
    return values;
  }

  @AfterAll
  void stopCluster() throws Exception {
    try {
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      smbd.close();
    }
  }

  @Test
  @Order(1)
  void objectStoredOnEitherServerIsServedByTheOtherFromTheShare() throws Exception {
    Written onA = a.client().post(BUCKET, BodyPublishers.ofString("stored by a over smb"), WriteOptions.none());
    String key = onA.info().key();

    HttpResponse<InputStream> got = b.client().get(BUCKET, key, Map.of());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(body(got)).isEqualTo("stored by a over smb");
    assertThat(server(got)).isEqualTo("node-b");
    assertThat(source(got)).as("served from the share, not relayed").isEmpty();
    assertThat(got.headers().firstValue("ETag")).hasValue("\"" + onA.info().sha256() + "\"");
    HttpResponse<Void> head = b.client().head(BUCKET, key);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(source(head)).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).hasValue("20");
    assertThat(objectFile(key)).as("one copy, in the shared folder").exists();

    b.client().put(BUCKET, "docs/digits", BodyPublishers.ofString("0123456789"), WriteOptions.none());
    HttpResponse<InputStream> ranged = a.client().get(BUCKET, "docs/digits", Map.of("Range", "bytes=2-4"));
    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(body(ranged)).isEqualTo("234");
    assertThat(server(ranged)).isEqualTo("node-a");
    assertThat(source(ranged)).isEmpty();
    assertThat(source(a.client().head(BUCKET, "docs/digits"))).isEmpty();
  }

  @Test
  @Order(2)
  void listingOnEveryServerShowsEachObjectOfTheShareOnce() throws Exception {
    a.client().put(BUCKET, "list/1", BodyPublishers.ofString("1"), WriteOptions.none());
    b.client().put(BUCKET, "list/2", BodyPublishers.ofString("2"), WriteOptions.none());
    m.client().put(BUCKET, "list/3", BodyPublishers.ofString("3"), WriteOptions.none());

    for (ClusterNode node : List.of(a, b, m)) {
      assertThat(keys(node, BUCKET, "list/")).as(node.id()).containsExactly("list/1", "list/2", "list/3");
    }
  }

  @Test
  @Order(3)
  void deleteOnOneServerIsGoneForTheOther() throws Exception {
    Written onA = a.client().post(BUCKET, BodyPublishers.ofString("delete me on b"), WriteOptions.none());
    String key = onA.info().key();
    assertThat(objectFile(key)).exists();

    assertThat(b.client().delete(BUCKET, key)).isTrue();

    assertThat(objectFile(key)).doesNotExist();
    assertThat(a.client().get(BUCKET, key, Map.of()).statusCode()).isEqualTo(404);
    assertThat(b.client().head(BUCKET, key).statusCode()).isEqualTo(404);
    assertThat(a.client().delete(BUCKET, key)).as("no server has it any more").isFalse();

    b.client().put(BUCKET, "docs/delete-on-a", BodyPublishers.ofString("delete me on a"), WriteOptions.none());
    assertThat(a.client().delete(BUCKET, "docs/delete-on-a")).isTrue();
    assertThat(b.client().get(BUCKET, "docs/delete-on-a", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(4)
  void serverOnTheExportedDirectoryAndServersOnTheShareSeeTheSameObjects() throws Exception {
    Written onM = m.client().put(BUCKET, "mixed/from-directory", BodyPublishers.ofString("written to the directory"),
        WriteOptions.none());
    for (ClusterNode node : List.of(a, b)) {
      HttpResponse<InputStream> got = node.client().get(BUCKET, "mixed/from-directory", Map.of());
      assertThat(got.statusCode()).as(node.id()).isEqualTo(200);
      assertThat(body(got)).isEqualTo("written to the directory");
      assertThat(source(got)).as("%s reads it over smb itself", node.id()).isEmpty();
      assertThat(got.headers().firstValue("ETag")).hasValue("\"" + onM.info().sha256() + "\"");
    }

    Written onA = a.client().post(BUCKET, BodyPublishers.ofString("written over smb"), WriteOptions.none());
    HttpResponse<InputStream> onDirectory = m.client().get(BUCKET, onA.info().key(), Map.of());
    assertThat(onDirectory.statusCode()).isEqualTo(200);
    assertThat(body(onDirectory)).isEqualTo("written over smb");
    assertThat(server(onDirectory)).isEqualTo("node-m");
    assertThat(source(onDirectory)).as("M reads the file smbd wrote").isEmpty();

    b.client().put(BUCKET, "mixed/delete-on-m", BodyPublishers.ofString("x"), WriteOptions.none());
    assertThat(m.client().delete(BUCKET, "mixed/delete-on-m")).isTrue();
    assertThat(objectFile("mixed/delete-on-m")).doesNotExist();
    assertThat(a.client().head(BUCKET, "mixed/delete-on-m").statusCode()).isEqualTo(404);
    assertThat(b.client().get(BUCKET, "mixed/delete-on-m", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(5)
  void halfWrittenObjectIsInvisibleToEveryServerUntilComplete() throws Exception {
    byte[] content = SharedCluster.pattern(4 << 20, 5);
    Path file = objectFile("half/written");
    try (HeldUpload upload = HeldUpload.start(a.client(), BUCKET, "half/written", content, 1 << 20)) {
      upload.awaitFirstPartSent(Duration.ofSeconds(20));
      SharedCluster.eventually(Duration.ofSeconds(20), () -> !SharedCluster.temporaryFiles(file).isEmpty());

      assertThat(file).doesNotExist();
      for (ClusterNode node : List.of(b, m)) {
        assertThat(status(node, "GET", BUCKET, "half/written")).as(node.id()).isEqualTo(404);
        assertThat(keys(node, BUCKET, "half/")).as(node.id()).isEmpty();
      }
      assertThat(upload.finish().info().sha256()).isEqualTo(SharedCluster.sha256(content));
    }
    for (ClusterNode node : List.of(b, m)) {
      HttpResponse<InputStream> got = node.client().get(BUCKET, "half/written", Map.of());
      assertThat(got.statusCode()).as(node.id()).isEqualTo(200);
      assertThat(source(got)).as(node.id()).isEmpty();
      try (InputStream in = got.body()) {
        assertThat(PatternStream.sha256(in)).as(node.id()).isEqualTo(SharedCluster.sha256(content));
      }
    }
    assertThat(SharedCluster.temporaryFiles(file)).isEmpty();
  }

  @Test
  @Order(6)
  void createOnlyWritesRacingOverSmbAndOnTheDirectoryCreateTheKeyOnce() throws Exception {
    WriteRaces.createOnly(a, b, BUCKET, "race/smb-smb-", 8);
    WriteRaces.createOnly(a, m, BUCKET, "race/smb-directory-", 8);
  }

  @Test
  @Order(7)
  void overwritesRacingOverSmbAndOnTheDirectoryLeaveOneWholeObject() throws Exception {
    WriteRaces.overwrite(b, m, BUCKET, "race/overwrite", 8);

    assertThat(SharedCluster.temporaryFiles(objectFile("race/overwrite"))).isEmpty();
  }

  private Path objectFile(String key) throws Exception {
    return exportedDirectory.resolve(ObjectFileLayout.pathOf(BUCKET, key).relativePath());
  }
}
