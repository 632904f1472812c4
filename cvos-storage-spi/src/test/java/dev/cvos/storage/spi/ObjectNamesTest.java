package dev.cvos.storage.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "0", "abc", "a.b_c-d", "0-9"})
  void checkBucketAcceptsLowerCaseLettersDigitsAndPunctuation(String bucket) {
    assertThat(ObjectNames.isValidBucket(bucket)).isTrue();
  }

  @Test
  void checkBucketAcceptsSixtyThreeCharactersAndRefusesSixtyFour() {
    assertThat(ObjectNames.isValidBucket("a".repeat(63))).isTrue();
    assertThatThrownBy(() -> ObjectNames.checkBucket("a".repeat(64)))
        .isInstanceOf(InvalidNameException.class)
        .hasMessageContaining("63");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "A", "aB", ".a", "-a", "_a", "a/b", "a b", "..", "é"})
  void checkBucketRefusesNamesOutsideTheRules(String bucket) {
    assertThatThrownBy(() -> ObjectNames.checkBucket(bucket)).isInstanceOf(InvalidNameException.class);
  }

  @Test
  void checkBucketRefusesNull() {
    assertThatThrownBy(() -> ObjectNames.checkBucket(null)).isInstanceOf(InvalidNameException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"k", "a/b", ".a", "a.", "...", "a..b", "日本", "\uD83D\uDE00", "a b", "%2e%2e", "a:b"})
  void checkKeyAcceptsValidKeys(String key) {
    assertThat(ObjectNames.isValidKey(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", ".", "..", "a/.", "./a", "a/../b", "a//b", "/a", "a/", "a\\b", "a\u0000", "a\u001f",
        "a\u007f", "a\u0080", "a\u009f", "\uDC00", "a\uD800", "\uD800a"})
  void checkKeyRefusesInvalidKeys(String key) {
    assertThatThrownBy(() -> ObjectNames.checkKey(key)).isInstanceOf(InvalidNameException.class);
  }

  @Test
  void checkKeyCountsUtf8BytesNotCharacters() {
    assertThat(ObjectNames.isValidKey("k".repeat(1024))).isTrue();
    assertThat(ObjectNames.isValidKey("k".repeat(1025))).isFalse();
    assertThat(ObjectNames.isValidKey("é".repeat(512))).isTrue();
    assertThat(ObjectNames.isValidKey("é".repeat(512) + "k")).isFalse();
    assertThat(ObjectNames.isValidKey("\uD83D\uDE00".repeat(256))).isTrue();
    assertThat(ObjectNames.isValidKey("\uD83D\uDE00".repeat(257))).isFalse();
  }

  @Test
  void compareKeysOrdersByUtf8BytesUnlikeStringCompareTo() {
    String bmpHigh = "\uFF5E";
    String supplementary = "\uD83D\uDE00";
    assertThat(bmpHigh.compareTo(supplementary)).as("UTF-16 order").isPositive();
    assertThat(ObjectNames.compareKeys(bmpHigh, supplementary)).as("UTF-8 order").isNegative();
    assertThat(ObjectNames.compareKeys("a", "a/")).isNegative();
    assertThat(ObjectNames.compareKeys("a/b", "a-b")).isPositive();
    assertThat(ObjectNames.compareKeys("é", "é")).isZero();
    List<String> keys = new ArrayList<>(List.of("z", supplementary, "a", bmpHigh, "é"));
    keys.sort(ObjectNames::compareKeys);
    assertThat(keys).containsExactly("a", "z", "é", bmpHigh, supplementary);
  }
}
