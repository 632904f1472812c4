package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.RangeNotSatisfiableException;
import dev.cvos.storage.spi.ResolvedRange;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * Byte ranges at the edges of an object. A store without {@link StoreCapability#RANGE_READ} must
 * refuse every range but {@link ByteRange#ALL}.
 */
interface RangeContract extends StoreFixture {
  long RANGE_SIZE = 100_000;
  long RANGE_SEED = 77;

  private void assertRange(ByteRange range, long offset, long length) throws IOException {
    putGenerated(BUCKET, "ranged", RANGE_SIZE, RANGE_SEED);
    if (!supports(StoreCapability.RANGE_READ)) {
      assertUnsupported(StoreCapability.RANGE_READ, () -> store().get(BUCKET, "ranged", range).close());
      return;
    }
    try (StoredObject object = store().get(BUCKET, "ranged", range)) {
      assertThat(object.range()).isEqualTo(new ResolvedRange(offset, length));
      assertThat(object.metadata().size()).isEqualTo(RANGE_SIZE);
      assertThat(StreamDigest.of(object.body()))
          .isEqualTo(StreamDigest.of(GeneratedBody.slice(RANGE_SEED, offset, length)));
    }
  }

  private void assertUnsatisfiable(long size, ByteRange range) throws IOException {
    putGenerated(BUCKET, "unsatisfiable", size, RANGE_SEED);
    if (!supports(StoreCapability.RANGE_READ)) {
      assertUnsupported(
          StoreCapability.RANGE_READ, () -> store().get(BUCKET, "unsatisfiable", range).close());
      return;
    }
    assertThatThrownBy(() -> store().get(BUCKET, "unsatisfiable", range).close())
        .isInstanceOfSatisfying(
            RangeNotSatisfiableException.class, e -> assertThat(e.size()).isEqualTo(size));
  }

  @Test
  default void rangeOfTheFirstByteReturnsOneByte() throws IOException {
    assertRange(ByteRange.closed(0, 0), 0, 1);
  }

  @Test
  default void rangeOfTheLastByteReturnsOneByte() throws IOException {
    assertRange(ByteRange.closed(RANGE_SIZE - 1, RANGE_SIZE - 1), RANGE_SIZE - 1, 1);
  }

  @Test
  default void closedRangeInsideTheObjectReturnsExactlyThoseBytes() throws IOException {
    assertRange(ByteRange.closed(12_345, 67_890), 12_345, 67_890 - 12_345 + 1);
  }

  @Test
  default void closedRangeReachingPastTheEndIsClampedToTheEnd() throws IOException {
    assertRange(ByteRange.closed(RANGE_SIZE - 10, RANGE_SIZE + 1000), RANGE_SIZE - 10, 10);
  }

  @Test
  default void fromRangeReturnsTheRestOfTheObject() throws IOException {
    assertRange(ByteRange.from(99_000), 99_000, 1000);
  }

  @Test
  default void suffixRangeReturnsTheLastBytes() throws IOException {
    assertRange(ByteRange.suffix(1), RANGE_SIZE - 1, 1);
  }

  @Test
  default void suffixLongerThanTheObjectReturnsTheWholeObject() throws IOException {
    assertRange(ByteRange.suffix(RANGE_SIZE * 3), 0, RANGE_SIZE);
  }

  @Test
  default void rangeStartingAtTheEndIsNotSatisfiable() throws IOException {
    assertUnsatisfiable(RANGE_SIZE, ByteRange.from(RANGE_SIZE));
  }

  @Test
  default void closedRangeStartingPastTheEndIsNotSatisfiable() throws IOException {
    assertUnsatisfiable(RANGE_SIZE, ByteRange.closed(RANGE_SIZE + 5, RANGE_SIZE + 10));
  }

  @Test
  default void emptySuffixIsNotSatisfiable() throws IOException {
    assertUnsatisfiable(RANGE_SIZE, ByteRange.suffix(0));
  }

  @Test
  default void anyRangeOfAnEmptyObjectIsNotSatisfiableButTheWholeObjectReads() throws IOException {
    assertUnsatisfiable(0, ByteRange.closed(0, 0));
    assertUnsatisfiable(0, ByteRange.from(0));
    assertUnsatisfiable(0, ByteRange.suffix(5));
    try (StoredObject whole = store().get(BUCKET, "unsatisfiable", ByteRange.ALL)) {
      assertThat(whole.range()).isEqualTo(new ResolvedRange(0, 0));
      assertThat(whole.body().read()).isEqualTo(-1);
    }
  }
}
