package dev.cvos.domain.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ObjectWriteTest {
  @Test
  void expectedDigestIsLowerCased() {
    ObjectWrite write = new ObjectWrite(1, null, "AB".repeat(32), null, false);
    assertThat(write.expectedSha256()).isEqualTo("ab".repeat(32));
  }

  @Test
  void malformedDigestNegativeExpiryAndLengthAreRejected() {
    assertThatThrownBy(() -> new ObjectWrite(1, null, "xyz", null, false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectWrite(1, null, null, Duration.ofSeconds(-1), false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ObjectWrite(-2, null, null, null, false)).isInstanceOf(IllegalArgumentException.class);
  }
}
