package dev.cvos.storage.spi.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.InvalidNameException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectFileLayoutTest {

  @Test
  void pathOfHashesTheKeyUnderTheBucketWithTwoFanOutLevels() throws Exception {
    ObjectFilePath path = ObjectFileLayout.pathOf("photos", "a/b.jpg");
    // sha256("a/b.jpg")
    String hash = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest("a/b.jpg".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertThat(path.relativePath())
        .isEqualTo("photos/" + hash.substring(0, 2) + "/" + hash.substring(2, 4) + "/" + hash + ".cvos");
    assertThat(path.segments()).hasSize(4);
    assertThat(ObjectFileLayout.isObjectFileName(path.fileName())).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"..%2f..%2fetc", "a/../../b", "\uFF0E\uFF0E\uFF0Fx", "k", "x/y/z"})
  void pathOfNeverLeavesTheBucketDirectory(String key) throws Exception {
    if (!dev.cvos.storage.spi.ObjectNames.isValidKey(key)) {
      assertThatThrownBy(() -> ObjectFileLayout.pathOf("b", key)).isInstanceOf(InvalidNameException.class);
      return;
    }
    ObjectFilePath path = ObjectFileLayout.pathOf("b", key);
    assertThat(path.relativePath()).matches("b/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}\\.cvos");
  }

  @ParameterizedTest
  @ValueSource(strings = {"con", "nul.x", "com1", "lpt9.a.b", "a.", "con.", "photos", "a..b", "console"})
  void bucketDirectoryNamesAreWindowsSafeAndDecodeBack(String bucket) throws Exception {
    String directory = ObjectFileLayout.bucketDirectoryName(bucket);
    assertThat(directory).doesNotEndWith(".");
    assertThat(directory.split("\\.")[0]).isNotIn("con", "nul", "com1", "lpt9");
    assertThat(ObjectFileLayout.bucketOfDirectoryName(directory)).contains(bucket);
  }

  @Test
  void plainBucketNamesAreTheirOwnDirectoryNames() throws Exception {
    assertThat(ObjectFileLayout.bucketDirectoryName("photos.2026")).isEqualTo("photos.2026");
    assertThat(ObjectFileLayout.bucketDirectoryName("console")).isEqualTo("console");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lost+found", "Photos", "%63on%", "%6", "%zz", ".cvos-tmp.a.b", "con", "a.", ""})
  void foreignDirectoryNamesAreNoBucket(String name) {
    assertThat(ObjectFileLayout.bucketOfDirectoryName(name)).isEmpty();
  }

  @Test
  void temporaryFileNamesCarryTheServerIdAndARandomPart() {
    String first = ObjectFileLayout.temporaryFileName("server-1");
    String second = ObjectFileLayout.temporaryFileName("server-1");
    assertThat(first).startsWith(".cvos-tmp.server-1.").isNotEqualTo(second);
    assertThat(ObjectFileLayout.isTemporaryFileName(first)).isTrue();
    assertThat(ObjectFileLayout.isTemporaryFileOf(first, "server-1")).isTrue();
    assertThat(ObjectFileLayout.isTemporaryFileOf(first, "server")).isFalse();
    assertThat(ObjectFileLayout.isTemporaryFileOf(first, "server-10")).isFalse();
    assertThat(ObjectFileLayout.isObjectFileName(first)).isFalse();
  }

  @Test
  void serverIdsThatDifferOnlyInCaseOrPunctuationStayApart() {
    assertThat(ObjectFileLayout.encodeServerId("A")).isNotEqualToIgnoringCase(ObjectFileLayout.encodeServerId("a"));
    assertThat(ObjectFileLayout.encodeServerId("a.b")).isNotEqualTo(ObjectFileLayout.encodeServerId("a_b"));
    assertThat(ObjectFileLayout.encodeServerId("a.b/c")).doesNotContain(".", "/");
    assertThat(ObjectFileLayout.encodeServerId("x".repeat(500))).hasSize(42).startsWith("~H");
    assertThat(ObjectFileLayout.temporaryFileName("../../etc")).doesNotContain("/");
  }
}
