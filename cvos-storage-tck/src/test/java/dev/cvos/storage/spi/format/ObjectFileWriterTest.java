package dev.cvos.storage.spi.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ChecksumMismatchException;
import dev.cvos.storage.spi.ContentLengthMismatchException;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.tck.GeneratedBody;
import dev.cvos.storage.spi.tck.MutableClock;
import dev.cvos.storage.spi.tck.StreamDigest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectFileWriterTest {
  private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");
  private final ObjectFileWriter writer = new ObjectFileWriter(new MutableClock(NOW));
  @TempDir Path dir;

  private ObjectMetadata write(WriteRequest request, InputStream body) throws IOException {
    try (FileChannel file = FileChannel.open(dir.resolve("f"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      return writer.write(request, body, file);
    }
  }

  @Test
  void writesAHeaderThenTheBodyAndReturnsTheMetadataItHolds() throws IOException {
    WriteRequest request = WriteRequest.of("b", "k/1").withContentType("text/plain");
    ObjectMetadata metadata = write(request, GeneratedBody.of(300_000, 5));
    assertThat(metadata.size()).isEqualTo(300_000);
    assertThat(metadata.sha256()).isEqualTo(GeneratedBody.digest(300_000, 5).sha256());
    assertThat(metadata.created()).isEqualTo(NOW);
    try (FileChannel file = FileChannel.open(dir.resolve("f"))) {
      ObjectFileHeader header = ObjectFileFormat.readHeader(file);
      assertThat(header.metadata()).isEqualTo(metadata);
      assertThat(file.size()).isEqualTo(header.fileLength());
      assertThat(StreamDigest.of(Channels.newInputStream(file))).isEqualTo(GeneratedBody.digest(300_000, 5));
    }
  }

  @Test
  void bodyLongerThanDeclaredStopsTheWrite() {
    WriteRequest request = WriteRequest.of("b", "k").withContentLength(10);
    assertThatThrownBy(() -> write(request, GeneratedBody.of(11, 1))).isInstanceOf(ContentLengthMismatchException.class);
  }

  @Test
  void bodyShorterThanDeclaredFailsTheWrite() {
    WriteRequest request = WriteRequest.of("b", "k").withContentLength(10);
    assertThatThrownBy(() -> write(request, GeneratedBody.of(9, 1))).isInstanceOf(ContentLengthMismatchException.class);
  }

  @Test
  void bodyWithAnotherDigestFailsTheWriteAndLeavesAnIncompleteFile() throws IOException {
    WriteRequest request = WriteRequest.of("b", "k").withExpectedSha256(GeneratedBody.digest(10, 2).sha256());
    assertThatThrownBy(() -> write(request, GeneratedBody.of(10, 1))).isInstanceOf(ChecksumMismatchException.class);
    try (InputStream in = Files.newInputStream(dir.resolve("f"))) {
      assertThatThrownBy(() -> ObjectFileFormat.readHeader(in)).isInstanceOf(CorruptObjectFileException.class);
    }
  }
}
