package dev.cvos.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CvosPathsTest {
  @Test
  void objectPathEncodesEachSegmentAndKeepsSlashes() {
    assertThat(CvosPaths.object("b1", "photos/a b+c%.jpg")).isEqualTo("/v1/objects/b1/photos/a%20b%2Bc%25.jpg");
  }

  @Test
  void nonAsciiIsEncodedAsUtf8Bytes() {
    assertThat(CvosPaths.encodeSegment("é😀")).isEqualTo("%C3%A9%F0%9F%98%80");
  }
}
