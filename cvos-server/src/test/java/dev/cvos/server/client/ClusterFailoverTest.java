package dev.cvos.server.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.ObjectInfo;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.api.client.ByteRange;
import dev.cvos.api.client.CvosClient;
import dev.cvos.api.client.CvosObject;
import dev.cvos.api.client.NotFoundException;
import dev.cvos.api.client.ObjectBody;
import dev.cvos.api.client.ServerHealth;
import dev.cvos.server.cluster.ClusterNode;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client given all three servers of a cluster — real processes over one PostgreSQL: a primary
 * A, a redundant secondary B and a simple secondary S that stores nothing and forwards — with S
 * first in its list. While S runs it answers everything; then S is killed, and the same client
 * keeps answering every operation through A and B without the caller noticing. The cluster is
 * started once; the tests run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFailoverTest {
  private static final String BUCKET = "events";

  private ClusterNode a;
  private ClusterNode b;
  private ClusterNode s;
  private CvosClient client;
  private String keptKey;

  @BeforeAll
  void startCluster(@TempDir Path temp) throws Exception {
    TestingDatabase database = TestingDatabase.create();
    Map<String, String> timing = Map.of(
        "registry.interval", "500ms",
        "registry.heartbeat-interval", "300ms",
        "registry.offline-after", "3s",
        "peer.cooldown", "20s");
    a = new ClusterNode("client-a", "primary", temp.resolve("a"), database, timing);
    b = new ClusterNode("client-b", "redundant-secondary", temp.resolve("b"), database, timing);
    s = new ClusterNode("client-s", "simple-secondary", temp.resolve("s"), database, timing);
    for (ClusterNode node : List.of(a, b, s)) {
      node.start();
    }
    for (ClusterNode node : List.of(a, b, s)) {
      node.awaitStarted();
    }
    client = CvosClient.builder()
        .servers(s.uri(), a.uri(), b.uri())
        .apiKey(TestingCvosServer.API_KEY)
        .trustCertificate(s.certificate()).trustCertificate(a.certificate()).trustCertificate(b.certificate())
        .connectTimeout(Duration.ofSeconds(10))
        .requestTimeout(Duration.ofSeconds(30))
        .build();
    eventually(Duration.ofSeconds(60), () -> client.health().stream().allMatch(ServerHealth::ready)
        && client.cluster().servers().stream().filter(server -> server.state().equals("healthy")).count() == 3);
  }

  @AfterAll
  void stopCluster() throws Exception {
    for (ClusterNode node : Stream.of(s, b, a).filter(n -> n != null).toList()) {
      node.close();
    }
  }

  @Test
  @Order(1)
  void theFirstServerOfTheListAnswersWhileItRuns() throws Exception {
    Written put = client.put(BUCKET, "before/kept", ObjectBody.ofBytes(utf8("stored through s")),
        WriteOptions.none().withContentType("text/plain"));
    Written posted = client.post(BUCKET, ObjectBody.ofBytes(utf8("posted through s")), WriteOptions.none());
    keptKey = posted.info().key();

    assertThat(put.server()).isEqualTo("client-s");
    assertThat(posted.server()).isEqualTo("client-s");
    try (CvosObject object = client.get(BUCKET, "before/kept")) {
      assertThat(object.body().readAllBytes()).isEqualTo(utf8("stored through s"));
      assertThat(object.serverId()).isEqualTo("client-s");
    }
    assertThat(client.cluster().id()).isEqualTo("client-s");
    assertThat(client.list(BUCKET, "before/")).extracting(ObjectInfo::key).containsExactly("before/kept");
  }

  @Test
  @Order(2)
  void whenTheFirstServerIsKilledEveryOperationGoesOnThroughTheOthers(@TempDir Path dir) throws Exception {
    s.close();
    assertThat(s.process().isAlive()).isFalse();

    // A read first: an idle connection to s may still sit in the JDK's pool, and only a read may be
    // sent again after such a connection breaks (the client's rule; see CvosClient).
    assertThat(client.getBytes(BUCKET, "before/kept")).isEqualTo(utf8("stored through s"));

    long size = 1L << 20;
    Written streamed;
    try (InputStream in = new PatternStream(size, 3)) {
      streamed = client.put(BUCKET, "after/streamed", ObjectBody.ofStream(in, size));
    }
    assertThat(streamed.server()).isIn("client-a", "client-b");
    assertThat(streamed.info().size()).isEqualTo(size);

    assertThat(client.getBytes(BUCKET, keptKey)).isEqualTo(utf8("posted through s"));
    ObjectInfo head = client.head(BUCKET, "before/kept").orElseThrow();
    assertThat(client.getIfChanged(BUCKET, "before/kept", head.sha256())).isEmpty();
    try (CvosObject part = client.get(BUCKET, "before/kept", ByteRange.of(0, 5))) {
      assertThat(part.body().readAllBytes()).isEqualTo(utf8("stored"));
      assertThat(part.serverId()).isIn("client-a", "client-b");
    }
    Path file = Files.write(dir.resolve("event.jpg"), new PatternStream(300_000, 4).readAllBytes());
    Written fromFile = client.put(BUCKET, "after/file", ObjectBody.ofFile(file),
        WriteOptions.none().withContentType("image/jpeg").withExpiresAfter(Duration.ofHours(1)));
    assertThat(fromFile.info().expires()).isNotNull();
    assertThat(client.download(BUCKET, "after/file", dir.resolve("back.jpg"))).isEqualTo(fromFile.info());
    assertThat(Files.mismatch(file, dir.resolve("back.jpg"))).isEqualTo(-1);
    assertThat(client.list(BUCKET, "after/", 1)).extracting(ObjectInfo::key)
        .containsExactly("after/file", "after/streamed");

    assertThat(client.delete(BUCKET, "before/kept")).isTrue();
    assertThatThrownBy(() -> client.get(BUCKET, "before/kept"))
        .isInstanceOfSatisfying(NotFoundException.class,
            e -> assertThat(e.serverId()).hasValueSatisfying(id -> assertThat(id).isIn("client-a", "client-b")));
    assertThat(client.cluster().id()).isIn("client-a", "client-b");
  }

  @Test
  @Order(3)
  void healthShowsTheKilledServerDownAndTheOthersReady() throws Exception {
    List<ServerHealth> health = client.health();

    assertThat(health).extracting(ServerHealth::live).containsExactly(false, true, true);
    assertThat(health).extracting(ServerHealth::ready).containsExactly(false, true, true);
  }

  private static void eventually(Duration timeout, Callable<Boolean> condition) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.call()) {
      assertThat(Instant.now()).as("condition within %s", timeout).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
