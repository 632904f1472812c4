package dev.cvos.server.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.ErrorCode;
import dev.cvos.server.http.ApiException;
import dev.cvos.storage.spi.ByteRange;
import org.junit.jupiter.api.Test;

/** The small parsers of an object request: Range, If-None-Match, raw path names. */
class HttpParsingTest {
  @Test
  void rangeFormsMapToByteRanges() {
    assertThat(RangeHeader.parse(null)).isEqualTo(ByteRange.ALL);
    assertThat(RangeHeader.parse("bytes=0-9")).isEqualTo(ByteRange.closed(0, 9));
    assertThat(RangeHeader.parse("bytes=5-")).isEqualTo(ByteRange.from(5));
    assertThat(RangeHeader.parse("bytes=-3")).isEqualTo(ByteRange.suffix(3));
    assertThat(RangeHeader.parse(" bytes = 1 - 2 ")).isEqualTo(ByteRange.closed(1, 2));
  }

  @Test
  void malformedRangesAreInvalidRequests() {
    for (String bad : new String[] {"bytes=", "bytes=-", "bytes=3-1", "bits=0-1", "bytes=0-1,2-3", "bytes=a-",
        "bytes=1234567890123456789-"}) {
      assertThatThrownBy(() -> RangeHeader.parse(bad)).as(bad).isInstanceOfSatisfying(ApiException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    }
  }

  @Test
  void ifNoneMatchMatchesStarListsAndWeakTags() {
    String sha = "ab".repeat(32);
    assertThat(EntityTags.matches("*", sha)).isTrue();
    assertThat(EntityTags.matches("\"" + sha + "\"", sha)).isTrue();
    assertThat(EntityTags.matches("\"x\", W/\"" + sha + "\"", sha)).isTrue();
    assertThat(EntityTags.matches("\"x\"", sha)).isFalse();
    assertThat(EntityTags.matches(sha, sha)).isFalse();
  }

  @Test
  void rawPathSegmentsDecodeStrictlyAsUtf8() {
    assertThat(RawNames.decode("a%20b+c%3B;d")).isEqualTo("a b+c;;d");
    assertThat(RawNames.decode("%C3%A9")).isEqualTo("é");
    assertThatThrownBy(() -> RawNames.decode("%C3")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> RawNames.decode("%zz")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> RawNames.decode("abc%")).isInstanceOf(ApiException.class);
  }
}
