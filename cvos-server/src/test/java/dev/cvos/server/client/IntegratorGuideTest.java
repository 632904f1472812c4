package dev.cvos.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.ObjectInfo;
import dev.cvos.api.client.CvosClient;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The examples of {@code docs/integrator-guide.md} run against a real server, and the guide's code
 * blocks are the examples' source ({@link GuideSnippets}), so the guide cannot show code that does
 * not compile or does not work.
 */
class IntegratorGuideTest {
  private static TestingCvosServer server;
  private static CvosClient client;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    client = IntegratorGuideExamples.connect(List.of(server.httpsUri()), TestingCvosServer.API_KEY,
        server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void everyCodeBlockOfTheGuideIsTheTaggedRegionOfTheExamples() throws Exception {
    GuideSnippets snippets = GuideSnippets.of(
        Path.of("src/test/java/dev/cvos/server/client/IntegratorGuideExamples.java"),
        Path.of("../docs/integrator-guide.md"));

    assertThat(snippets.mismatches()).isEmpty();
    assertThat(snippets.unusedRegions()).as("regions the guide does not show").isEmpty();
    assertThat(snippets.checked()).as("code blocks checked").hasSizeGreaterThanOrEqualTo(8)
        .contains("imports", "file:../examples/cvos-example-client/pom.xml");
  }

  @Test
  void theDependencyBlockNamesThisBuildsCoordinates() throws Exception {
    String guide = Files.readString(Path.of("../docs/integrator-guide.md"));
    String pom = Files.readString(Path.of("../cvos-api/pom.xml"));
    String version = pom.replaceAll("(?s).*<parent>.*?<version>([^<]+)</version>.*", "$1");

    assertThat(guide).contains("<groupId>dev.cvos</groupId>", "<artifactId>cvos-api</artifactId>",
        "<artifactId>cvos-bom</artifactId>", "<cvos.version>" + version + "</cvos.version>",
        "./mvnw -B -pl cvos-bom,cvos-storage-tck,cvos-api -am install -DskipTests");
  }

  @Test
  void eventImageIsStoredReadAndSavedToAFile(@TempDir Path dir) throws Exception {
    Path image = Files.write(dir.resolve("event.jpg"), new PatternStream(150_000, 9).readAllBytes());

    String key = IntegratorGuideExamples.storeEventImage(client, image);
    ByteArrayOutputStream streamed = new ByteArrayOutputStream();
    ObjectInfo saved = IntegratorGuideExamples.readEventImage(client, key, streamed, dir.resolve("saved.jpg"));

    assertThat(streamed.toByteArray()).isEqualTo(Files.readAllBytes(image));
    assertThat(Files.mismatch(image, dir.resolve("saved.jpg"))).isEqualTo(-1);
    assertThat(saved.contentType()).isEqualTo("image/jpeg");
    assertThat(IntegratorGuideExamples.listCameraDay(client)).containsExactly(key);
  }

  @Test
  void ephemeralMessageIsReceivedWithItsExpiryAndMissingOneIsEmpty() throws Exception {
    String messageKey = IntegratorGuideExamples.sendMessage(client);

    assertThat(IntegratorGuideExamples.receiveMessage(client, messageKey))
        .hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("motion"));
    assertThat(client.head("messages", messageKey).orElseThrow().expires()).isNotNull();
    assertThat(IntegratorGuideExamples.receiveMessage(client, "never-sent")).isEmpty();
  }

  @Test
  void createOnlyStoresOnceAndRetryingWriteStores(@TempDir Path dir) throws Exception {
    Path image = Files.write(dir.resolve("once.jpg"), new byte[] {1, 2, 3});

    assertThat(IntegratorGuideExamples.storeOnce(client, "once/1.jpg", image)).isTrue();
    assertThat(IntegratorGuideExamples.storeOnce(client, "once/1.jpg", image)).isFalse();
    assertThat(IntegratorGuideExamples.storeWithRetries(client, "once/2.jpg", image).info().size()).isEqualTo(3);
  }

  @Test
  void aTrustStoreHoldingTheServersCertificateConnects(@TempDir Path dir) throws Exception {
    char[] password = "changeit".toCharArray();
    KeyStore store = dev.cvos.api.client.CvosTls.certificates(List.of(server.certificate()));
    Path file = dir.resolve("cvos-truststore.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }

    CvosClient viaStore = IntegratorGuideExamples.connectWithTrustStore(List.of(server.httpsUri()),
        TestingCvosServer.API_KEY, file, password);

    assertThat(viaStore.cluster().id()).isEqualTo(server.serverId());
  }
}
