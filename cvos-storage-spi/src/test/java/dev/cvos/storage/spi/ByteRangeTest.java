package dev.cvos.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void allCoversTheWholeObjectEvenWhenEmpty() throws Exception {
    assertThat(ByteRange.ALL.resolve(10)).isEqualTo(new ResolvedRange(0, 10));
    assertThat(ByteRange.ALL.resolve(0)).isEqualTo(new ResolvedRange(0, 0));
    assertThat(ByteRange.ALL.resolve(0).last()).isEqualTo(-1);
  }

  @Test
  void closedRangeResolvesToItsBytesAndClampsItsEnd() throws Exception {
    assertThat(ByteRange.closed(0, 0).resolve(10)).isEqualTo(new ResolvedRange(0, 1));
    assertThat(ByteRange.closed(9, 9).resolve(10)).isEqualTo(new ResolvedRange(9, 1));
    assertThat(ByteRange.closed(2, 5).resolve(10)).isEqualTo(new ResolvedRange(2, 4));
    assertThat(ByteRange.closed(8, 100).resolve(10)).isEqualTo(new ResolvedRange(8, 2));
  }

  @Test
  void fromRangeRunsToTheEnd() throws Exception {
    assertThat(ByteRange.from(0).resolve(10)).isEqualTo(new ResolvedRange(0, 10));
    assertThat(ByteRange.from(9).resolve(10)).isEqualTo(new ResolvedRange(9, 1));
  }

  @Test
  void suffixRangeTakesTheLastBytesAndAtMostTheObject() throws Exception {
    assertThat(ByteRange.suffix(3).resolve(10)).isEqualTo(new ResolvedRange(7, 3));
    assertThat(ByteRange.suffix(30).resolve(10)).isEqualTo(new ResolvedRange(0, 10));
  }

  @Test
  void rangeStartingAtOrPastTheEndIsNotSatisfiable() {
    assertThatThrownBy(() -> ByteRange.from(10).resolve(10))
        .isInstanceOfSatisfying(RangeNotSatisfiableException.class, e -> assertThat(e.size()).isEqualTo(10));
    assertThatThrownBy(() -> ByteRange.closed(11, 20).resolve(10))
        .isInstanceOf(RangeNotSatisfiableException.class);
  }

  @Test
  void everyRangeButAllOfAnEmptyObjectIsNotSatisfiable() {
    assertThatThrownBy(() -> ByteRange.closed(0, 0).resolve(0)).isInstanceOf(RangeNotSatisfiableException.class);
    assertThatThrownBy(() -> ByteRange.from(0).resolve(0)).isInstanceOf(RangeNotSatisfiableException.class);
    assertThatThrownBy(() -> ByteRange.suffix(1).resolve(0)).isInstanceOf(RangeNotSatisfiableException.class);
  }

  @Test
  void emptySuffixIsNotSatisfiable() {
    assertThatThrownBy(() -> ByteRange.suffix(0).resolve(10)).isInstanceOf(RangeNotSatisfiableException.class);
  }

  @Test
  void constructionRefusesNegativeStartsAndInvertedRanges() {
    assertThatThrownBy(() -> ByteRange.closed(-1, 3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteRange.closed(5, 4)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ByteRange.suffix(-2)).isInstanceOf(IllegalArgumentException.class);
  }
}
