package dev.cvos.server.shared;

import static dev.cvos.server.shared.SharedCluster.body;
import static dev.cvos.server.shared.SharedCluster.keys;
import static dev.cvos.server.shared.SharedCluster.server;
import static dev.cvos.server.shared.SharedCluster.source;
import static dev.cvos.server.shared.SharedCluster.status;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.CvosPaths;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.server.cluster.ClusterNode;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 * Shared storage on a directory, as servers that mount one NFS export see it: a primary A and a
 * redundant secondary B, real processes over one database, both with the {@code local} store on
 * the SAME directory and {@code server.storage-mode: shared}. Each serves what the other stored
 * from that directory, without a relay.
 *
 * <p>A third storing server C stands for a server whose mount lags: its root is a different
 * directory that shows an object file only once the test copies it there (as a mount shows a new
 * file once its attribute cache expires). Until then C cannot see what A stored, and the relay
 * covers the window (docs/architecture.md, "The relay", item 2).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedDirectoryClusterProcessTest {
  private static final String BUCKET = "photos";

  private Path sharedDirectory;
  private Path laggingMount;
  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode c;
  private SharedCluster cluster;

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    sharedDirectory = Files.createDirectories(temp.resolve("nfs-mount"));
    laggingMount = Files.createDirectories(temp.resolve("lagging-mount"));
    TestingDatabase database = TestingDatabase.create();
    a = new ClusterNode("node-a", "primary", temp.resolve("a"), database, onDirectory(sharedDirectory));
    b = new ClusterNode("node-b", "redundant-secondary", temp.resolve("b"), database, onDirectory(sharedDirectory));
    c = new ClusterNode("node-c", "redundant-secondary", temp.resolve("c"), database, onDirectory(laggingMount));
    cluster = SharedCluster.start(List.of(a, b, c));
  }

  private static Map<String, String> onDirectory(Path root) {
    Map<String, String> values = new HashMap<>(SharedCluster.TIMING);
    values.put("storage.provider", "local");
    values.put("storage.config.root", root.toString());
    return values;
  }

  @AfterAll
  void stopCluster() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void objectStoredOnEitherServerIsServedByTheOtherFromTheSharedDirectory() throws Exception {
    Written onA = a.client().post(BUCKET, BodyPublishers.ofString("stored by a"), WriteOptions.none());
    String key = onA.info().key();

    HttpResponse<InputStream> got = b.client().get(BUCKET, key, Map.of());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(body(got)).isEqualTo("stored by a");
    assertThat(server(got)).isEqualTo("node-b");
    assertThat(source(got)).as("served from B's own view of the directory, not relayed").isEmpty();
    assertThat(got.headers().firstValue("ETag")).hasValue("\"" + onA.info().sha256() + "\"");
    HttpResponse<Void> head = b.client().head(BUCKET, key);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(source(head)).isEmpty();
    assertThat(head.headers().firstValue("Content-Length")).hasValue("11");
    assertThat(objectFile(sharedDirectory, key)).as("one copy, in the shared directory").exists();

    b.client().put(BUCKET, "docs/from-b.txt", BodyPublishers.ofString("stored by b"), WriteOptions.none());
    HttpResponse<InputStream> onB = a.client().get(BUCKET, "docs/from-b.txt", Map.of());
    assertThat(onB.statusCode()).isEqualTo(200);
    assertThat(body(onB)).isEqualTo("stored by b");
    assertThat(server(onB)).isEqualTo("node-a");
    assertThat(source(onB)).isEmpty();
    assertThat(source(a.client().head(BUCKET, "docs/from-b.txt"))).isEmpty();
  }

  @Test
  @Order(2)
  void rangeOfAnObjectTheOtherServerStoredIsReadFromTheSharedDirectory() throws Exception {
    a.client().put(BUCKET, "docs/digits", BodyPublishers.ofString("0123456789"), WriteOptions.none());

    HttpResponse<InputStream> ranged = b.client().get(BUCKET, "docs/digits", Map.of("Range", "bytes=3-6"));

    assertThat(ranged.statusCode()).isEqualTo(206);
    assertThat(body(ranged)).isEqualTo("3456");
    assertThat(ranged.headers().firstValue("Content-Range")).hasValue("bytes 3-6/10");
    assertThat(source(ranged)).isEmpty();
  }

  @Test
  @Order(3)
  void listingOnEitherServerShowsEachObjectOfTheSharedDirectoryOnce() throws Exception {
    a.client().put(BUCKET, "list/1", BodyPublishers.ofString("1"), WriteOptions.none());
    b.client().put(BUCKET, "list/2", BodyPublishers.ofString("2"), WriteOptions.none());
    a.client().put(BUCKET, "list/3", BodyPublishers.ofString("3"), WriteOptions.none());

    assertThat(keys(a, BUCKET, "list/")).containsExactly("list/1", "list/2", "list/3");
    assertThat(keys(b, BUCKET, "list/")).containsExactly("list/1", "list/2", "list/3");
  }

  @Test
  @Order(4)
  void createOnlyPutFailsOnOneServerForAKeyTheOtherStored() throws Exception {
    a.client().put(BUCKET, "unique/key", BodyPublishers.ofString("first"), WriteOptions.none());

    HttpResponse<String> second = b.client().exchange("PUT", CvosPaths.object(BUCKET, "unique/key"),
        Map.of("If-None-Match", "*"), BodyPublishers.ofString("second"));

    assertThat(second.statusCode()).isEqualTo(412);
    assertThat(body(a.client().get(BUCKET, "unique/key", Map.of()))).isEqualTo("first");
  }

  @Test
  @Order(5)
  void deleteOnOneServerIsGoneForTheOther() throws Exception {
    Written onA = a.client().post(BUCKET, BodyPublishers.ofString("delete me on b"), WriteOptions.none());
    String key = onA.info().key();
    assertThat(objectFile(sharedDirectory, key)).exists();

    assertThat(b.client().delete(BUCKET, key)).isTrue();

    assertThat(objectFile(sharedDirectory, key)).doesNotExist();
    assertThat(a.client().get(BUCKET, key, Map.of()).statusCode()).isEqualTo(404);
    assertThat(b.client().head(BUCKET, key).statusCode()).isEqualTo(404);
    assertThat(a.client().delete(BUCKET, key)).as("no server has it any more").isFalse();

    b.client().put(BUCKET, "docs/delete-on-a", BodyPublishers.ofString("delete me on a"), WriteOptions.none());
    assertThat(a.client().delete(BUCKET, "docs/delete-on-a")).isTrue();
    assertThat(b.client().get(BUCKET, "docs/delete-on-a", Map.of()).statusCode()).isEqualTo(404);
    assertThat(keys(b, BUCKET, "docs/delete-on-a")).isEmpty();
  }

  @Test
  @Order(6)
  void newObjectNotYetVisibleOnALaggingMountIsRelayedFromTheServerThatStoredIt() throws Exception {
    Written onA = a.client().post(BUCKET, BodyPublishers.ofString("new on the share"), WriteOptions.none());
    String key = onA.info().key();
    assertThat(objectFile(laggingMount, key)).as("C's mount does not show it yet").doesNotExist();

    HttpResponse<InputStream> relayed = c.client().get(BUCKET, key, Map.of());
    assertThat(relayed.statusCode()).isEqualTo(200);
    assertThat(body(relayed)).isEqualTo("new on the share");
    assertThat(server(relayed)).isEqualTo("node-c");
    assertThat(source(relayed)).as("relayed to the server named by the key").hasValue("node-a");
    HttpResponse<Void> head = c.client().head(BUCKET, key);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(source(head)).hasValue("node-a");

    showOnLaggingMount(key);
    HttpResponse<InputStream> caughtUp = c.client().get(BUCKET, key, Map.of());
    assertThat(caughtUp.statusCode()).isEqualTo(200);
    assertThat(body(caughtUp)).isEqualTo("new on the share");
    assertThat(source(caughtUp)).as("served from C's own mount once it shows the file").isEmpty();

    assertThat(c.client().delete(BUCKET, key)).isTrue();
    assertThat(objectFile(laggingMount, key)).doesNotExist();
    assertThat(objectFile(sharedDirectory, key)).as("the delete reached the servers that see the share")
        .doesNotExist();
    assertThat(a.client().get(BUCKET, key, Map.of()).statusCode()).isEqualTo(404);
    assertThat(c.client().get(BUCKET, key, Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  @Order(7)
  void deleteOnALaggingMountRemovesTheObjectItCannotSeeYet() throws Exception {
    b.client().put(BUCKET, "lag/delete-me", BodyPublishers.ofString("only on the share"), WriteOptions.none());

    assertThat(c.client().delete(BUCKET, "lag/delete-me")).isTrue();

    assertThat(objectFile(sharedDirectory, "lag/delete-me")).doesNotExist();
    assertThat(b.client().head(BUCKET, "lag/delete-me").statusCode()).isEqualTo(404);
  }

  @Test
  @Order(8)
  void halfWrittenObjectIsInvisibleToEveryServerUntilComplete() throws Exception {
    byte[] content = SharedCluster.pattern(4 << 20, 8);
    Path file = objectFile(sharedDirectory, "half/written");
    try (HeldUpload upload = HeldUpload.start(a.client(), BUCKET, "half/written", content, 1 << 20)) {
      upload.awaitFirstPartSent(Duration.ofSeconds(20));
      SharedCluster.eventually(Duration.ofSeconds(20), () -> !SharedCluster.temporaryFiles(file).isEmpty());

      assertThat(file).doesNotExist();
      assertThat(status(b, "GET", BUCKET, "half/written")).isEqualTo(404);
      assertThat(status(b, "HEAD", BUCKET, "half/written")).isEqualTo(404);
      assertThat(keys(b, BUCKET, "half/")).isEmpty();
      assertThat(upload.finish().info().sha256()).isEqualTo(SharedCluster.sha256(content));
    }
    HttpResponse<InputStream> got = b.client().get(BUCKET, "half/written", Map.of());
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(source(got)).isEmpty();
    try (InputStream in = got.body()) {
      assertThat(PatternStream.sha256(in)).isEqualTo(SharedCluster.sha256(content));
    }
    assertThat(SharedCluster.temporaryFiles(file)).isEmpty();
  }

  @Test
  @Order(9)
  void overwritesRacingFromBothServersLeaveOneWholeObject() throws Exception {
    WriteRaces.overwrite(a, b, BUCKET, "race/key", 10);

    assertThat(SharedCluster.temporaryFiles(objectFile(sharedDirectory, "race/key"))).isEmpty();
  }

  @Test
  @Order(10)
  void createOnlyWritesRacingFromBothServersCreateTheKeyOnce() throws Exception {
    WriteRaces.createOnly(a, b, BUCKET, "race/create-", 10);
  }


  @Test
  @Order(11)
  void objectsOfAStoppedServerAreStillServedFromTheSharedDirectory() throws Exception {
    String key = a.client().post(BUCKET, BodyPublishers.ofString("a is stopped"), WriteOptions.none()).info().key();
    a.signal("STOP");
    try {
      HttpResponse<InputStream> got = b.client().get(BUCKET, key, Map.of());
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(body(got)).isEqualTo("a is stopped");
      assertThat(source(got)).as("no relay needed while the writer is away").isEmpty();

      assertThat(b.client().delete(BUCKET, key)).as("the shared copy goes; a's part is recorded").isTrue();
      assertThat(objectFile(sharedDirectory, key)).doesNotExist();
      HttpResponse<String> missing = b.client().exchange("GET", CvosPaths.object(BUCKET, key), Map.of(),
          BodyPublishers.noBody());
      assertThat(missing.statusCode())
          .as("the object catalog knows the key is gone: 404, even while a storing peer is silent").isEqualTo(404);
    } finally {
      a.signal("CONT");
    }
    SharedCluster.eventually(Duration.ofSeconds(30), () -> status(a, "GET", BUCKET, key) == 404);
    assertThat(status(b, "GET", BUCKET, key)).isEqualTo(404);
  }

  /** What a lagging mount does once its cache expires: the complete file appears at its name. */
  private void showOnLaggingMount(String key) throws Exception {
    Path from = objectFile(sharedDirectory, key);
    Path to = objectFile(laggingMount, key);
    Files.createDirectories(to.getParent());
    Path partial = to.resolveSibling(to.getFileName() + ".copying");
    Files.copy(from, partial);
    Files.move(partial, to, StandardCopyOption.ATOMIC_MOVE);
  }

  private static Path objectFile(Path root, String key) throws Exception {
    return root.resolve(ObjectFileLayout.pathOf(BUCKET, key).relativePath());
  }
}
