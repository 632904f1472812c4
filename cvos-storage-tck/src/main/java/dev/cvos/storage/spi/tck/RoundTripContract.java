package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ChecksumMismatchException;
import dev.cvos.storage.spi.ContentLengthMismatchException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bodies go in and come out byte for byte, and a bad write stores nothing. */
interface RoundTripContract extends StoreFixture {
  long MIB = 1024 * 1024;

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(longs = {0, 1, 64 * 1024})
  default void putThenGetReturnsTheSameBytesForKnownLength(long size) throws IOException {
    putGenerated(BUCKET, "known/" + size, size, size + 1);
    assertThat(readWhole(BUCKET, "known/" + size)).isEqualTo(GeneratedBody.digest(size, size + 1));
  }

  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(longs = {0, 1, 64 * 1024, 3 * 1024 * 1024 + 7})
  default void putThenGetReturnsTheSameBytesForUnknownLength(long size) throws IOException {
    putGenerated(WriteRequest.of(BUCKET, "unknown/" + size), size, size + 2);
    assertThat(readWhole(BUCKET, "unknown/" + size)).isEqualTo(GeneratedBody.digest(size, size + 2));
  }

  /** 200 MiB through a 64 MiB test heap: the store must stream both ways. */
  @Test
  default void putAndGetStreamA200MiBObject() throws IOException {
    long size = 200 * MIB;
    ObjectMetadata stored = putGenerated(BUCKET, "big/200MiB", size, 200);
    assertThat(readWhole(BUCKET, "big/200MiB")).isEqualTo(new StreamDigest(size, stored.sha256()));
  }

  @Test
  default void putReturnsWhatStatAndGetReport() throws IOException {
    ObjectMetadata stored = putGenerated(BUCKET, "meta", 1000, 3);
    assertThat(store().stat(BUCKET, "meta")).contains(stored);
    try (StoredObject object = store().get(BUCKET, "meta", ByteRange.ALL)) {
      assertThat(object.metadata()).isEqualTo(stored);
      assertThat(object.range().isWhole(1000)).isTrue();
    }
  }

  @Test
  default void storedSha256IsTheSha256OfTheBytes() throws IOException {
    byte[] bytes = "the quick brown fox".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    ObjectMetadata stored = putBytes(BUCKET, "fox", bytes);
    assertThat(stored.sha256())
        .isEqualTo(StreamDigest.of(bytes).sha256())
        .isEqualTo("9ecb36561341d18eb65484e833efea61edc74b84cf5e6ae1b81c63533e25fc8f");
  }

  @Test
  default void putWithMatchingExpectedSha256Stores() throws IOException {
    StreamDigest digest = GeneratedBody.digest(5000, 4);
    putGenerated(
        WriteRequest.of(BUCKET, "checked").withExpectedSha256(digest.sha256().toUpperCase()), 5000, 4);
    assertThat(readWhole(BUCKET, "checked")).isEqualTo(digest);
  }

  @Test
  default void putWithWrongExpectedSha256FailsAndKeepsTheOldObject() throws IOException {
    ObjectMetadata old = putGenerated(BUCKET, "guarded", 4000, 5);
    String wrong = GeneratedBody.digest(4000, 6).sha256();
    WriteRequest request = WriteRequest.of(BUCKET, "guarded").withExpectedSha256(wrong);
    assertThatThrownBy(() -> store().put(request, GeneratedBody.of(4000, 5 + 1000)))
        .isInstanceOf(ChecksumMismatchException.class);
    assertThat(store().stat(BUCKET, "guarded")).contains(old);
    assertThat(readWhole(BUCKET, "guarded")).isEqualTo(GeneratedBody.digest(4000, 5));
  }

  @Test
  default void putWithWrongExpectedSha256StoresNothingUnderANewKey() throws IOException {
    WriteRequest request =
        WriteRequest.of(BUCKET, "never").withExpectedSha256(GeneratedBody.digest(10, 1).sha256());
    assertThatThrownBy(() -> store().put(request, GeneratedBody.of(10, 2)))
        .isInstanceOf(ChecksumMismatchException.class);
    assertThat(store().stat(BUCKET, "never")).isEmpty();
    assertThat(store().buckets()).doesNotContain(BUCKET);
  }

  @ParameterizedTest(name = "declared {0}, sent 1000")
  @ValueSource(longs = {0, 999, 1001, 1_000_000})
  default void putWithDeclaredLengthUnlikeTheBodyFailsAndStoresNothing(long declared)
      throws IOException {
    ObjectMetadata old = putGenerated(BUCKET, "sized", 10, 7);
    WriteRequest request = WriteRequest.of(BUCKET, "sized").withContentLength(declared);
    assertThatThrownBy(() -> store().put(request, GeneratedBody.of(1000, 8)))
        .isInstanceOf(ContentLengthMismatchException.class);
    WriteRequest fresh = WriteRequest.of(BUCKET, "fresh").withContentLength(declared);
    assertThatThrownBy(() -> store().put(fresh, GeneratedBody.of(1000, 8)))
        .isInstanceOf(ContentLengthMismatchException.class);
    assertThat(store().stat(BUCKET, "sized")).contains(old);
    assertThat(store().stat(BUCKET, "fresh")).isEmpty();
    assertThat(listAllKeys(BUCKET, "", null, 10)).containsExactly("sized");
  }

  @Test
  default void putWhoseBodyFailsMidwayThrowsAndKeepsTheOldObject() throws IOException {
    ObjectMetadata old = putGenerated(BUCKET, "flaky", 2000, 9);
    try (InputStream failing = GeneratedBody.failingAt(MIB, 10, 300 * 1024)) {
      assertThatThrownBy(() -> store().put(WriteRequest.of(BUCKET, "flaky"), failing))
          .isInstanceOf(IOException.class);
    }
    assertThat(store().stat(BUCKET, "flaky")).contains(old);
    assertThat(readWhole(BUCKET, "flaky")).isEqualTo(GeneratedBody.digest(2000, 9));
    assertThat(listAllKeys(BUCKET, "", null, 10)).containsExactly("flaky");
  }

  @Test
  default void getOfAMissingKeyThrowsNotFoundAndStatIsEmpty() throws IOException {
    assertThatThrownBy(() -> store().get(BUCKET, "missing", ByteRange.ALL))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store().stat(BUCKET, "missing")).isEmpty();
  }

  @Test
  default void contentTypeAndCreationTimeRoundTrip() throws Exception {
    ObjectMetadata typed =
        putGenerated(WriteRequest.of(BUCKET, "typed").withContentType("image/jpeg; q=0.9"), 10, 11);
    ObjectMetadata untyped = putGenerated(BUCKET, "untyped", 10, 12);
    assertThat(typed.contentType()).isEqualTo("image/jpeg; q=0.9");
    assertThat(typed.created()).isEqualTo(clock().instant());
    assertThat(typed.expires()).isNull();
    assertThat(untyped.contentType()).isEqualTo(WriteRequest.DEFAULT_CONTENT_TYPE);
    assertThat(store().stat(BUCKET, "typed")).contains(typed);
  }

  @Test
  default void deleteRemovesAnObjectAndReportsWhetherOneExisted() throws IOException {
    putGenerated(BUCKET, "doomed", 100, 13);
    assertThat(store().delete(BUCKET, "doomed")).isTrue();
    assertThat(store().stat(BUCKET, "doomed")).isEmpty();
    assertThatThrownBy(() -> store().get(BUCKET, "doomed", ByteRange.ALL))
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store().delete(BUCKET, "doomed")).isFalse();
    assertThat(store().delete(BUCKET, "never-was")).isFalse();
  }
}
