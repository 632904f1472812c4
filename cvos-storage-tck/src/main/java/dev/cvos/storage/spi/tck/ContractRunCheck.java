package dev.cvos.storage.spi.tck;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Makes the TCK refuse to pass when it did not run: after the cases of a class extending {@link
 * ObjectStoreContractTest}, fails the class when none of its contract cases ran to a result (all
 * skipped, disabled or aborted, e.g. by an assumption in {@code createStore}). A store is only
 * said to pass the TCK when the cases ran.
 */
final class ContractRunCheck implements TestWatcher, AfterAllCallback {
  private final Map<Class<?>, AtomicInteger> ran = new ConcurrentHashMap<>();
  private final Map<Class<?>, AtomicInteger> notRun = new ConcurrentHashMap<>();

  @Override
  public void testSuccessful(ExtensionContext context) {
    count(ran, context);
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    count(ran, context);
  }

  @Override
  public void testAborted(ExtensionContext context, Throwable cause) {
    count(notRun, context);
  }

  @Override
  public void testDisabled(ExtensionContext context, Optional<String> reason) {
    count(notRun, context);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    Class<?> test = context.getRequiredTestClass();
    int executed = get(ran, test);
    if (executed == 0) {
      throw new AssertionError("No case of the storage TCK ran in " + test.getName() + " ("
          + get(notRun, test) + " skipped, disabled or aborted): the store has not passed the TCK."
          + " Make createStore build the store without assumptions, and run the cases with"
          + " maven-surefire-plugin 3 or newer (JUnit 5).");
    }
  }

  private static void count(Map<Class<?>, AtomicInteger> counts, ExtensionContext context) {
    counts.computeIfAbsent(context.getRequiredTestClass(), c -> new AtomicInteger()).incrementAndGet();
  }

  private static int get(Map<Class<?>, AtomicInteger> counts, Class<?> test) {
    AtomicInteger count = counts.get(test);
    return count == null ? 0 : count.get();
  }
}
