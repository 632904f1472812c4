package dev.cvos.domain.object;

import dev.cvos.storage.spi.tck.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The object use cases over the real local store. */
class ObjectServiceTest {
  private static final long MAX = 1024;

  @TempDir
  Path root;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private ObjectStore store;
  private ObjectService objects;

  @BeforeEach
  void open() throws IOException {
    store = new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"),
        StoreContext.of(clock, "s1"));
    objects = new ObjectService(store, clock, new KeyGenerator("s1", clock), MAX);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
  }

  private static InputStream body(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectWrite write(long length) {
    return new ObjectWrite(length, null, null, null, false);
  }

  private static void assertCode(ThrowingCall call, ObjectErrorCode code) {
    assertThatThrownBy(call::run).isInstanceOfSatisfying(ObjectOperationException.class,
        e -> assertThat(e.code()).isEqualTo(code));
  }

  @FunctionalInterface
  interface ThrowingCall {
    void run() throws Exception;
  }

  @Test
  void putTellsCreatedFromReplaced() throws Exception {
    assertThat(objects.put("b", "k", write(3), body("one")).created()).isTrue();
    PutOutcome second = objects.put("b", "k", write(3), body("two"));
    assertThat(second.created()).isFalse();
    try (StoredObject object = objects.open("b", "k", ByteRange.ALL)) {
      assertThat(object.body().readAllBytes()).isEqualTo("two".getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void createOnlyWriteOfAnExistingKeyFailsAndKeepsTheObject() throws Exception {
    objects.put("b", "k", write(3), body("one"));
    assertCode(() -> objects.put("b", "k", new ObjectWrite(3, null, null, null, true), body("two")),
        ObjectErrorCode.ALREADY_EXISTS);
    assertThat(objects.metadata("b", "k").size()).isEqualTo(3);
  }

  @Test
  void postStoresUnderAKeyThatNamesTheServer() throws Exception {
    ObjectMetadata posted = objects.post("b", write(4), body("post"));
    assertThat(KeyGenerator.locationHint(posted.key())).contains("s1");
    assertThat(objects.metadata("b", posted.key()).sha256()).isEqualTo(posted.sha256());
  }

  @Test
  void declaredLengthAboveTheMaximumIsRefusedWithoutReadingTheBody() {
    InputStream untouchable = new InputStream() {
      @Override
      public int read() {
        throw new AssertionError("the body must not be read");
      }
    };
    assertCode(() -> objects.put("b", "k", write(MAX + 1), untouchable), ObjectErrorCode.TOO_LARGE);
  }

  @Test
  void bodyLongerThanTheMaximumIsRefusedAndNothingIsStored() throws Exception {
    assertCode(() -> objects.put("b", "k", write(-1), new ByteArrayInputStream(new byte[(int) MAX + 1])),
        ObjectErrorCode.TOO_LARGE);
    assertCode(() -> objects.metadata("b", "k"), ObjectErrorCode.NOT_FOUND);
  }

  @Test
  void clientThatGoesAwayMidBodyIsAnInvalidRequestNotAStoreFailure() {
    InputStream broken = new InputStream() {
      private int left = 10;

      @Override
      public int read() throws IOException {
        if (left-- <= 0) {
          throw new IOException("connection reset by peer");
        }
        return 'x';
      }
    };
    assertCode(() -> objects.put("b", "k", write(-1), broken), ObjectErrorCode.INVALID_REQUEST);
  }

  @Test
  void badNamesAreRefusedAsInvalidNames() {
    assertCode(() -> objects.put("B", "k", write(1), body("x")), ObjectErrorCode.INVALID_NAME);
    assertCode(() -> objects.put("b", "a/../k", write(1), body("x")), ObjectErrorCode.INVALID_NAME);
    assertCode(() -> objects.open("b", "", ByteRange.ALL), ObjectErrorCode.INVALID_NAME);
    assertCode(() -> objects.list("", null, null, 10), ObjectErrorCode.INVALID_NAME);
  }

  @Test
  void missingObjectsAreNotFoundForEveryOperation() {
    assertCode(() -> objects.metadata("b", "none"), ObjectErrorCode.NOT_FOUND);
    assertCode(() -> objects.open("b", "none", ByteRange.ALL), ObjectErrorCode.NOT_FOUND);
    assertCode(() -> objects.delete("b", "none"), ObjectErrorCode.NOT_FOUND);
  }

  @Test
  void rangePastTheEndCarriesTheObjectSize() throws Exception {
    objects.put("b", "k", write(5), body("12345"));
    assertThatThrownBy(() -> objects.open("b", "k", ByteRange.from(5)))
        .isInstanceOfSatisfying(ObjectOperationException.class, e -> {
          assertThat(e.code()).isEqualTo(ObjectErrorCode.RANGE_NOT_SATISFIABLE);
          assertThat(e.objectSize()).isEqualTo(5);
        });
  }

  @Test
  void checksumMismatchStoresNothing() {
    assertCode(() -> objects.put("b", "k", new ObjectWrite(3, null, "0".repeat(64), null, false), body("abc")),
        ObjectErrorCode.CHECKSUM_MISMATCH);
    assertCode(() -> objects.metadata("b", "k"), ObjectErrorCode.NOT_FOUND);
  }

  @Test
  void expiredObjectIsGoneOnceItsTimePasses() throws Exception {
    ObjectMetadata stored = objects.put("b", "k", new ObjectWrite(3, null, null, Duration.ofSeconds(10), false),
        body("eph")).metadata();
    assertThat(stored.expires()).isEqualTo(clock.instant().plusSeconds(10));
    clock.advance(Duration.ofSeconds(9));
    assertThat(objects.metadata("b", "k").key()).isEqualTo("k");
    clock.advance(Duration.ofSeconds(1));
    assertCode(() -> objects.metadata("b", "k"), ObjectErrorCode.NOT_FOUND);
  }

  @Test
  void listLimitMustBeBetween1And1000() {
    assertCode(() -> objects.list("b", null, null, 0), ObjectErrorCode.INVALID_REQUEST);
    assertCode(() -> objects.list("b", null, null, 1001), ObjectErrorCode.INVALID_REQUEST);
  }
}
