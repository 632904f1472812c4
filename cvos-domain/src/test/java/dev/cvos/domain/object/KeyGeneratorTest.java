package dev.cvos.domain.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ObjectNames;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyGeneratorTest {
  private static Clock at(long millis) {
    return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
  }

  @Test
  void generatedKeysAreValidKeysThatNameTheServer() {
    KeyGenerator keys = new KeyGenerator("node-a", Clock.systemUTC());
    for (int i = 0; i < 1000; i++) {
      String key = keys.newKey();
      assertThat(ObjectNames.isValidKey(key)).as(key).isTrue();
      assertThat(key).startsWith("node-a.").hasSize("node-a.".length() + 26);
      assertThat(KeyGenerator.locationHint(key)).contains("node-a");
    }
  }

  @Test
  void generatedKeysAreUnique() {
    KeyGenerator keys = new KeyGenerator("s1", at(1_700_000_000_000L));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      assertThat(seen.add(keys.newKey())).isTrue();
    }
  }

  @Test
  void keysOfLaterMillisecondsSortAfterEarlierOnes() {
    String earlier = new KeyGenerator("s1", at(1_700_000_000_000L)).newKey();
    String later = new KeyGenerator("s1", at(1_700_000_000_001L)).newKey();
    String muchLater = new KeyGenerator("s1", at(4_000_000_000_000L)).newKey();
    assertThat(ObjectNames.compareKeys(earlier, later)).isNegative();
    assertThat(ObjectNames.compareKeys(later, muchLater)).isNegative();
  }

  @Test
  void keysChosenByClientsHaveNoLocationHint() {
    assertThat(KeyGenerator.locationHint("photos/cat.jpg")).isEmpty();
    assertThat(KeyGenerator.locationHint("node-a.short")).isEmpty();
    assertThat(KeyGenerator.locationHint("a/node-a.0123456789abcdefghjkmnpqrs")).isEmpty();
  }

  @Test
  void serverIdsThatCannotStartAKeyAreRejected() {
    assertThatThrownBy(() -> new KeyGenerator("Node.A", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server id");
    assertThatThrownBy(() -> new KeyGenerator("a/b", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeyGenerator("", Clock.systemUTC()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
