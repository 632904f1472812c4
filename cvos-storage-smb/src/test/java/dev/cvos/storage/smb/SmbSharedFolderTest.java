package dev.cvos.storage.smb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.ObjectFileFormat;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import dev.cvos.storage.spi.format.ObjectFileWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The folder a share holds is the same folder a server mounting it as a directory sees: the same
 * layout, the same file format, and the same temporary file names to clean up.
 */
class SmbSharedFolderTest {
  @RegisterExtension static final TestingSmbServer SMB = new TestingSmbServer();

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

  private ObjectStore open(String url, String serverId) throws IOException {
    return new SmbObjectStoreFactory().create(
        Map.of("url", url, "user", SMB.user(), "password", SMB.password(),
            "stale-temp-age", "1h"),
        StoreContext.of(clock, serverId));
  }

  @Test
  void objectWrittenOverSmbIsAPortableObjectFileInTheSharedLayout() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    byte[] body = "over the wire".getBytes(UTF_8);
    ObjectMetadata stored;
    try (ObjectStore store = open(url, "writer")) {
      stored = store.put(WriteRequest.of("photos", "2026/03/cat.jpg").withContentType("image/jpeg"),
          new ByteArrayInputStream(body));
    }

    Path file = SMB.folderDirectory(TestingSmbServer.USER_SHARE, url)
        .resolve(ObjectFileLayout.pathOf("photos", "2026/03/cat.jpg").relativePath());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      ObjectFileHeader header = ObjectFileFormat.readHeader(channel);
      assertThat(header.metadata()).isEqualTo(stored);
      ByteBuffer rest = ByteBuffer.allocate((int) (channel.size() - header.length()));
      channel.read(rest);
      assertThat(rest.array()).isEqualTo(body);
    }
    assertThat(file.getParent()).isDirectoryNotContaining("glob:**" + ObjectFileLayout.TEMPORARY_PREFIX + "*");
  }

  @Test
  void objectWrittenIntoTheMountedFolderIsReadOverSmb() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Path file = SMB.folderDirectory(TestingSmbServer.USER_SHARE, url)
        .resolve(ObjectFileLayout.pathOf("docs", "readme.md").relativePath());
    Files.createDirectories(file.getParent());
    byte[] body = "# written by a server that mounts the share".getBytes(UTF_8);
    ObjectMetadata written;
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      written = new ObjectFileWriter(clock).write(
          WriteRequest.of("docs", "readme.md").withContentType("text/markdown"),
          new ByteArrayInputStream(body), channel);
    }

    try (ObjectStore store = open(url, "reader")) {
      assertThat(store.stat("docs", "readme.md")).contains(written);
      assertThat(store.list("docs", ListRequest.firstPage(5)).items()).containsExactly(written);
      assertThat(store.buckets()).containsExactly("docs");
      try (StoredObject read = store.get("docs", "readme.md", ByteRange.from(2))) {
        assertThat(read.body().readAllBytes()).isEqualTo(
            java.util.Arrays.copyOfRange(body, 2, body.length));
      }
    }
  }

  @Test
  void startRemovesOwnTemporaryFilesAndOtherServersStaleOnesOnly() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Path leaf = SMB.folderDirectory(TestingSmbServer.USER_SHARE, url)
        .resolve(ObjectFileLayout.pathOf("b", "k").relativePath()).getParent();
    Files.createDirectories(leaf);
    Path own = Files.writeString(leaf.resolve(ObjectFileLayout.temporaryFileName("srv-a")), "x");
    Path othersFresh = Files.writeString(leaf.resolve(ObjectFileLayout.temporaryFileName("srv-b")), "x");
    Path othersStale = Files.writeString(leaf.resolve(ObjectFileLayout.temporaryFileName("srv-b")), "x");
    Files.setLastModifiedTime(othersFresh, FileTime.from(NOW.minus(Duration.ofMinutes(10))));
    Files.setLastModifiedTime(othersStale, FileTime.from(NOW.minus(Duration.ofHours(2))));
    Path foreign = Files.writeString(leaf.resolve("notes.txt"), "not ours");

    open(url, "srv-a").close();

    assertThat(own).doesNotExist();
    assertThat(othersStale).doesNotExist();
    assertThat(othersFresh).exists();
    assertThat(foreign).exists();
  }

  @Test
  void bucketsWindowsWouldRefuseAreEscapedOnTheShareAndRoundTrip() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Path folder = SMB.folderDirectory(TestingSmbServer.USER_SHARE, url);
    try (ObjectStore store = open(url, "escaper")) {
      for (String bucket : java.util.List.of("con", "nul.txt", "trailing.", "com1")) {
        ObjectMetadata stored = store.put(WriteRequest.of(bucket, "k%41/x"),
            new ByteArrayInputStream(bucket.getBytes(UTF_8)));
        assertThat(store.stat(bucket, "k%41/x")).contains(stored);
        assertThat(folder.resolve(ObjectFileLayout.bucketDirectoryName(bucket))).isDirectory();
      }
      assertThat(store.buckets()).containsExactly("com1", "con", "nul.txt", "trailing.");
      assertThat(store.list("con", ListRequest.firstPage(5)).items())
          .extracting(ObjectMetadata::key).containsExactly("k%41/x");
    }
  }

  @Test
  void concurrentFirstWritesIntoANewBucketAllLand() throws Exception {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try (ObjectStore store = open(url, "racer")) {
      java.util.List<java.util.concurrent.Future<ObjectMetadata>> puts = new java.util.ArrayList<>();
      for (int i = 0; i < 64; i++) {
        String key = "k" + i;
        puts.add(pool.submit(() -> store.put(WriteRequest.of("fresh", key),
            new ByteArrayInputStream(key.getBytes(UTF_8)))));
      }
      for (java.util.concurrent.Future<ObjectMetadata> put : puts) {
        put.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
      assertThat(store.list("fresh", ListRequest.firstPage(100)).items()).hasSize(64);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void damagedOrMisplacedFilesAreRefusedSkippedByListingsAndDeletable() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Path folder = SMB.folderDirectory(TestingSmbServer.USER_SHARE, url);
    try (ObjectStore store = open(url, "damage")) {
      ObjectMetadata good = store.put(WriteRequest.of("b", "good"),
          new ByteArrayInputStream("fine".getBytes(UTF_8)));
      Path garbage = folder.resolve(ObjectFileLayout.pathOf("b", "garbage").relativePath());
      Files.createDirectories(garbage.getParent());
      Files.writeString(garbage, "this is not an object file");
      Path misplaced = folder.resolve(ObjectFileLayout.pathOf("b", "misplaced").relativePath());
      Files.createDirectories(misplaced.getParent());
      Files.copy(folder.resolve(ObjectFileLayout.pathOf("b", "good").relativePath()), misplaced);

      assertThatThrownBy(() -> store.stat("b", "garbage"))
          .isInstanceOf(dev.cvos.storage.spi.format.CorruptObjectFileException.class);
      assertThatThrownBy(() -> store.get("b", "misplaced", ByteRange.ALL))
          .isInstanceOf(dev.cvos.storage.spi.format.CorruptObjectFileException.class)
          .hasMessageContaining("holds b/good");
      assertThat(store.list("b", ListRequest.firstPage(10)).items()).containsExactly(good);

      assertThat(store.delete("b", "garbage")).isTrue();
      assertThat(store.delete("b", "misplaced")).isTrue();
      assertThat(garbage).doesNotExist();
      assertThat(misplaced).doesNotExist();
      assertThat(store.stat("b", "good")).contains(good);
    }
  }

  @Test
  void twoServersOnOneFolderSeeEachOthersChangesInTheSameLeafFolder() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    String first = "shared-0";
    String second = keyInTheSameLeafAs(first);
    try (ObjectStore serverA = open(url, "server-a"); ObjectStore serverB = open(url, "server-b")) {
      ObjectMetadata one = serverA.put(WriteRequest.of("b", first),
          new ByteArrayInputStream("one".getBytes(UTF_8)));
      assertThat(serverA.list("b", ListRequest.firstPage(10)).items()).containsExactly(one);

      ObjectMetadata two = serverB.put(WriteRequest.of("b", second),
          new ByteArrayInputStream("two".getBytes(UTF_8)));
      assertThat(serverA.list("b", ListRequest.firstPage(10)).items())
          .containsExactlyInAnyOrder(one, two);

      ObjectMetadata replaced = serverB.put(WriteRequest.of("b", first),
          new ByteArrayInputStream("one, again".getBytes(UTF_8)));
      assertThat(serverA.stat("b", first)).contains(replaced);
      assertThat(serverB.delete("b", second)).isTrue();
      assertThat(serverA.list("b", ListRequest.firstPage(10)).items()).containsExactly(replaced);
    }
  }

  /** A key whose object file shares a leaf folder ({@code <aa>/<bb>/}) with {@code key}'s. */
  private static String keyInTheSameLeafAs(String key) throws IOException {
    java.util.List<String> leaf = ObjectFileLayout.pathOf("b", key).directorySegments();
    for (int i = 0; i < 10_000_000; i++) {
      String candidate = "shared-" + i;
      if (!candidate.equals(key)
          && ObjectFileLayout.pathOf("b", candidate).directorySegments().equals(leaf)) {
        return candidate;
      }
    }
    throw new AssertionError("no key found in the leaf of " + key);
  }
}
