package dev.cvos.domain.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class SizeLimitedInputStreamTest {
  @Test
  void bodyUpToTheLimitPassesThrough() throws IOException {
    try (InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(new byte[100]), 100)) {
      assertThat(in.readAllBytes()).hasSize(100);
    }
  }

  @Test
  void oneByteOverTheLimitFailsWithTooLarge() {
    InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(new byte[101]), 100);
    assertThatThrownBy(in::readAllBytes)
        .isInstanceOf(ObjectTooLargeException.class)
        .hasMessageContaining("100 bytes");
  }

  @Test
  void singleByteReadsCountToo() throws IOException {
    InputStream in = new SizeLimitedInputStream(new ByteArrayInputStream(new byte[3]), 2);
    assertThat(in.read()).isZero();
    assertThat(in.read()).isZero();
    assertThatThrownBy(in::read).isInstanceOf(ObjectTooLargeException.class);
  }

  @Test
  void failureToReadTheBodyIsToldApartFromOtherFailures() {
    InputStream broken = new InputStream() {
      @Override
      public int read() throws IOException {
        throw new IOException("connection reset");
      }
    };
    InputStream in = new SizeLimitedInputStream(broken, 100);
    assertThatThrownBy(in::read).isInstanceOf(BodyReadException.class).hasMessageContaining("connection reset");
    assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(BodyReadException.class);
  }
}
