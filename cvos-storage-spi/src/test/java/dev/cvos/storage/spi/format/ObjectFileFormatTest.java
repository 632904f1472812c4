package dev.cvos.storage.spi.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ObjectMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ObjectFileFormatTest {
  private static final ObjectMetadata METADATA = new ObjectMetadata(
      "photos", "a/\uD83D\uDE00/" + "k".repeat(1000), 12345, "ab".repeat(32), "image/jpeg",
      Instant.parse("2026-03-04T05:06:07.123456789Z"), Instant.parse("2026-03-05T00:00:00Z"));

  private static byte[] bytes(ByteBuffer buffer) {
    byte[] out = new byte[buffer.remaining()];
    buffer.get(out);
    return out;
  }

  private static ObjectFileHeader read(byte[] file) throws IOException {
    ObjectFileHeader fromStream = ObjectFileFormat.readHeader(new ByteArrayInputStream(file));
    ObjectFileHeader fromChannel =
        ObjectFileFormat.readHeader(Channels.newChannel(new ByteArrayInputStream(file)));
    assertThat(fromChannel).isEqualTo(fromStream);
    return fromStream;
  }

  @Test
  void headerRoundTripsEveryFieldAndItsLength() throws IOException {
    byte[] header = bytes(ObjectFileFormat.encodeHeader(METADATA));
    byte[] file = Arrays.copyOf(header, header.length + 10);
    ObjectFileHeader read = read(file);
    assertThat(read.metadata()).isEqualTo(METADATA);
    assertThat(read.length()).isEqualTo(header.length);
    assertThat(read.fileLength()).isEqualTo(header.length + 12345L);
  }

  @Test
  void headerWithoutExpiryReadsBackWithNullExpiry() throws IOException {
    ObjectMetadata lasting = new ObjectMetadata("b", "k", 0, "00".repeat(32), "text/plain", Instant.EPOCH, null);
    assertThat(read(bytes(ObjectFileFormat.encodeHeader(lasting))).metadata()).isEqualTo(lasting);
  }

  @Test
  void provisionalHeaderHasTheFinalLengthAndIsRefusedAsIncomplete() {
    byte[] provisional = bytes(ObjectFileFormat.encodeProvisionalHeader(
        METADATA.bucket(), METADATA.key(), METADATA.contentType(), METADATA.expires()));
    assertThat(provisional).hasSameSizeAs(bytes(ObjectFileFormat.encodeHeader(METADATA)));
    assertThatThrownBy(() -> read(provisional))
        .isInstanceOf(CorruptObjectFileException.class)
        .hasMessageContaining("incomplete");
  }

  @Test
  void everyFlippedByteOfTheHeaderIsDetected() {
    byte[] header = bytes(ObjectFileFormat.encodeHeader(METADATA));
    for (int i = 0; i < header.length; i++) {
      byte[] damaged = header.clone();
      damaged[i] ^= 0x20;
      assertThatThrownBy(() -> read(damaged)).as("byte %d flipped", i).isInstanceOf(CorruptObjectFileException.class);
    }
  }

  @Test
  void truncatedHeadersAreRefused() {
    byte[] header = bytes(ObjectFileFormat.encodeHeader(METADATA));
    for (int length : new int[] {0, 1, 15, 16, 80, header.length - 1}) {
      byte[] cut = Arrays.copyOf(header, length);
      assertThatThrownBy(() -> read(cut)).as("%d bytes", length).isInstanceOf(CorruptObjectFileException.class);
    }
  }

  @Test
  void foreignFilesAreRefusedCleanly() {
    byte[] text = "hello, this is a text file that someone dropped here\n".repeat(10).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> read(text)).isInstanceOf(CorruptObjectFileException.class).hasMessageContaining("magic");
    byte[] future = bytes(ObjectFileFormat.encodeHeader(METADATA));
    future[9] = 2;
    assertThatThrownBy(() -> read(future)).isInstanceOf(CorruptObjectFileException.class).hasMessageContaining("version 2");
    byte[] huge = bytes(ObjectFileFormat.encodeHeader(METADATA));
    ByteBuffer.wrap(huge).putInt(12, Integer.MAX_VALUE);
    assertThatThrownBy(() -> read(huge)).isInstanceOf(CorruptObjectFileException.class).hasMessageContaining("length");
  }

  @Test
  void contentTypeBeyondTheLimitIsRefusedWhenWriting() {
    assertThatThrownBy(() -> ObjectFileFormat.encodeProvisionalHeader("b", "k", "x".repeat(5000), null))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
