package dev.cvos.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.InvalidNameException;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.tck.GeneratedBody;
import dev.cvos.storage.spi.tck.MutableClock;
import dev.cvos.storage.spi.tck.StreamDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names crafted to reach outside the store's folder, or to confuse a file system, against the
 * real local store: none creates anything outside the root, the valid ones round-trip exactly.
 */
class LocalObjectStoreHostileNamesTest {
  private static final List<String> VALID_BUT_WEIRD_KEYS = List.of(
      "..%2f..%2fescape", "..%2F..%2F..%2Fetc%2Fpasswd", "%2F", "%5C", "a%2F..%2F..%2Fb", "%2e%2e/%2e%2e/x",
      "\uFF0F..\uFF0Fetc", "..\uFF0F..\uFF0Fpasswd", "\u2215..\u2215x", "..\u2215..\u2215y",
      ".\u0307.\u0307/z", "..\u0307/w", "\uFF0E\uFF0E/v", "\u202Eevil.txt", " leading and trailing ",
      "CON", "nul", "aux.txt", "COM1", "a:b", "*?<>|\"", "~", "$HOME", "`id`", "${jndi:ldap:x/a}",
      "...", "....", ".hidden", "\uD83D\uDE00/\uD83D\uDE00", "k".repeat(1024),
      "\u00e9".repeat(512), "a/".repeat(511) + "zz");
  private static final List<String> INVALID_KEYS = List.of(
      "../escape", "../../etc/passwd", "a/../../b", "..", ".", "./x", "x/..", "/etc/passwd", "a//b",
      "a\\..\\b", "..\\x", "a\u0000b", "\u0000", "x\n", "k".repeat(1025), "\u00e9".repeat(513));
  private static final List<String> INVALID_BUCKETS =
      List.of("..", ".", "../x", "a/b", "a\\b", "Up", "", "x".repeat(64), "a\u0000", "%2e%2e");

  @TempDir Path parent;
  private Path root;
  private ObjectStore store;

  @BeforeEach
  void openStore() throws Exception {
    root = Files.createDirectory(parent.resolve("root"));
    Files.writeString(parent.resolve("sentinel.txt"), "outside");
    Files.createDirectory(parent.resolve("etc"));
    store = new LocalObjectStoreFactory().create(Map.of("root", root.toString()),
        StoreContext.of(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), "hostile"));
  }

  @AfterEach
  void closeStore() throws IOException {
    store.close();
  }

  private Set<Path> outsideRoot() throws IOException {
    try (Stream<Path> all = Files.walk(parent)) {
      return all.filter(p -> !p.startsWith(root)).collect(Collectors.toSet());
    }
  }

  @Test
  void validButWeirdKeysRoundTripAndCreateNothingOutsideTheRoot() throws IOException {
    Set<Path> before = outsideRoot();
    for (int i = 0; i < VALID_BUT_WEIRD_KEYS.size(); i++) {
      store.put(WriteRequest.of("b", VALID_BUT_WEIRD_KEYS.get(i)), GeneratedBody.of(100 + i, i));
    }
    for (int i = 0; i < VALID_BUT_WEIRD_KEYS.size(); i++) {
      String key = VALID_BUT_WEIRD_KEYS.get(i);
      try (var object = store.get("b", key, ByteRange.ALL)) {
        assertThat(object.metadata().key()).isEqualTo(key);
        assertThat(StreamDigest.of(object.body())).as(key).isEqualTo(GeneratedBody.digest(100 + i, i));
      }
    }
    assertThat(store.list("b", ListRequest.firstPage(1000)).items())
        .extracting(m -> m.key())
        .containsExactlyInAnyOrderElementsOf(VALID_BUT_WEIRD_KEYS);
    assertThat(outsideRoot()).isEqualTo(before);
    assertThat(Files.readString(parent.resolve("sentinel.txt"))).isEqualTo("outside");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()))
          .hasSize(VALID_BUT_WEIRD_KEYS.size())
          .allMatch(p -> p.matches("b/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\\.cvos"));
    }
  }

  @Test
  void hostileKeysAndBucketsAreRefusedByEveryCallAndCreateNothing() throws IOException {
    Set<Path> before = outsideRoot();
    for (String key : INVALID_KEYS) {
      assertRefused("b", key);
    }
    for (String bucket : INVALID_BUCKETS) {
      assertRefused(bucket, "k");
      assertThatThrownBy(() -> store.list(bucket, ListRequest.firstPage(10)))
          .as(bucket).isInstanceOf(InvalidNameException.class);
    }
    assertThat(outsideRoot()).isEqualTo(before);
    try (Stream<Path> inside = Files.walk(root)) {
      assertThat(inside).containsExactly(root);
    }
  }

  private void assertRefused(String bucket, String key) {
    assertThatThrownBy(() -> store.put(WriteRequest.of(bucket, key), GeneratedBody.of(10, 1)))
        .as("put %s/%s", bucket, key).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store.get(bucket, key, ByteRange.ALL).close())
        .as("get %s/%s", bucket, key).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store.stat(bucket, key)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store.delete(bucket, key)).isInstanceOf(InvalidNameException.class);
  }

  @Test
  void bucketsWindowsWouldRefuseGetEscapedDirectoriesAndRoundTrip() throws IOException {
    for (String bucket : List.of("con", "nul.d", "lpt1", "trailing.")) {
      store.put(WriteRequest.of(bucket, "k"), GeneratedBody.of(5, 5));
    }
    try (Stream<Path> dirs = Files.list(root)) {
      assertThat(dirs.map(d -> d.getFileName().toString()))
          .containsExactlyInAnyOrder("%63on", "%6Eul.d", "%6Cpt1", "trailing%2E");
    }
    assertThat(store.buckets()).containsExactly("con", "lpt1", "nul.d", "trailing.");
  }
}
