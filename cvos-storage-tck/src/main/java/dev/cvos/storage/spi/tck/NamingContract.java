package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.InvalidNameException;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Names at the edges of the naming rules (docs/http-api.md): accepted and round-tripped, or refused on every call. */
interface NamingContract extends StoreFixture {

  /** Valid names at the edges of the rules. */
  static Stream<Arguments> validNames() {
    return Stream.of(
        Arguments.of("1024-byte key", "tck", "k".repeat(1024)),
        Arguments.of("1024 bytes of 2-byte characters", "tck", "\u00e9".repeat(512)),
        Arguments.of("1024 bytes of 4-byte characters", "tck", "\uD83D\uDE00".repeat(256)),
        Arguments.of("63-character bucket", "b".repeat(63), "k"),
        Arguments.of("bucket of every allowed character", "0a.b_c-9", "k"),
        Arguments.of("one-character names", "a", "k"),
        Arguments.of("slashes inside the key", "tck", "a/b/c/d.txt"),
        Arguments.of("unicode", "tck", "日本語/ファイル/\uD83D\uDE00 ﬁle"),
        Arguments.of("dots that are not whole segments", "tck", ".hidden/a..b/...x/..."),
        Arguments.of("characters a file system may mind", "tck", "a:b*c?d\"e<f>g|h %2F%5C%00"),
        Arguments.of("full-width solidus and division slash", "tck", "a\uFF0Fb\u2215c"),
        Arguments.of("combining dot after a dot", "tck", ".\u0307/x"),
        Arguments.of("upper-case key", "tck", "README.TXT"));
  }

  /** Invalid names: every call that takes them refuses with InvalidNameException. */
  static Stream<Arguments> invalidNames() {
    return Stream.of(
        Arguments.of("empty key", "tck", ""),
        Arguments.of("'..' segment", "tck", "a/../b"),
        Arguments.of("'..' key", "tck", ".."),
        Arguments.of("'.' segment", "tck", "a/./b"),
        Arguments.of("'.' key", "tck", "."),
        Arguments.of("empty segment", "tck", "a//b"),
        Arguments.of("leading slash", "tck", "/a"),
        Arguments.of("trailing slash", "tck", "a/"),
        Arguments.of("backslash", "tck", "a\\b"),
        Arguments.of("NUL", "tck", "a\u0000b"),
        Arguments.of("newline", "tck", "a\nb"),
        Arguments.of("DEL", "tck", "a\u007fb"),
        Arguments.of("C1 control", "tck", "a\u0085b"),
        Arguments.of("unpaired surrogate", "tck", "a\uD800b"),
        Arguments.of("1025-byte key", "tck", "k".repeat(1025)),
        Arguments.of("1026 bytes of 2-byte characters", "tck", "\u00e9".repeat(513)),
        Arguments.of("empty bucket", "", "k"),
        Arguments.of("64-character bucket", "b".repeat(64), "k"),
        Arguments.of("upper-case bucket", "Tck", "k"),
        Arguments.of("bucket starting with a dot", ".tck", "k"),
        Arguments.of("bucket starting with a dash", "-tck", "k"),
        Arguments.of("bucket with a slash", "a/b", "k"),
        Arguments.of("bucket '..'", "..", "k"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.cvos.storage.spi.tck.NamingContract#validNames")
  default void validNamesAtTheEdgesRoundTrip(String label, String bucket, String key)
      throws IOException {
    putGenerated(bucket, key, 100, key.hashCode());
    assertThat(readWhole(bucket, key)).isEqualTo(GeneratedBody.digest(100, key.hashCode()));
    assertThat(store().stat(bucket, key)).hasValueSatisfying(m -> {
      assertThat(m.bucket()).isEqualTo(bucket);
      assertThat(m.key()).isEqualTo(key);
    });
    assertThat(listAllKeys(bucket, "", null, 10)).containsExactly(key);
    assertThat(store().buckets()).containsExactly(bucket);
    assertThat(store().delete(bucket, key)).isTrue();
    assertThat(store().stat(bucket, key)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.cvos.storage.spi.tck.NamingContract#invalidNames")
  default void invalidNamesAreRefusedByEveryCallAndStoreNothing(String label, String bucket, String key)
      throws IOException {
    assertThatThrownBy(() -> store().put(WriteRequest.of(bucket, key), GeneratedBody.of(10, 1)))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store().get(bucket, key, ByteRange.ALL).close())
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store().stat(bucket, key)).isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(() -> store().delete(bucket, key)).isInstanceOf(InvalidNameException.class);
    if (!dev.cvos.storage.spi.ObjectNames.isValidBucket(bucket)) {
      assertThatThrownBy(() -> store().list(bucket, ListRequest.firstPage(10)))
          .isInstanceOf(InvalidNameException.class);
    }
    assertThat(store().buckets()).isEmpty();
  }
}
