package dev.cvos.domain.relay;

import java.time.Duration;

/** Retries an assertion about work other threads finish, until it holds or time runs out. */
public final class Eventually {
  private Eventually() {}

  public interface Check {
    void run() throws Exception;
  }

  public static void within(Duration limit, Check check) throws Exception {
    long end = System.nanoTime() + limit.toNanos();
    while (true) {
      try {
        check.run();
        return;
      } catch (AssertionError e) {
        if (System.nanoTime() - end > 0) {
          throw e;
        }
        Thread.sleep(10);
      }
    }
  }
}
