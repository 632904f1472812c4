package dev.cvos.server.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachedReadinessTest {
  @Test
  void answersFromTheCacheWhileFresh() {
    CachedReadiness<Integer> cache = new CachedReadiness<>(Duration.ofMinutes(1));
    AtomicInteger checks = new AtomicInteger();
    for (int i = 0; i < 100; i++) {
      assertThat(cache.get(checks::incrementAndGet)).isEqualTo(1);
    }
    assertThat(checks).hasValue(1);
  }

  @Test
  void aStalledCheckHoldsOnlyItsOwnCallerOthersGetThePreviousAnswer() throws Exception {
    CachedReadiness<String> cache = new CachedReadiness<>(Duration.ZERO);
    assertThat(cache.get(() -> "first")).isEqualTo("first");
    CountDownLatch stalled = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> cache.get(() -> {
      stalled.countDown();
      try {
        release.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return "second";
    }));
    assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(cache.get(() -> "never asked")).isEqualTo("first");
    release.countDown();
    assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo("second");
  }
}
