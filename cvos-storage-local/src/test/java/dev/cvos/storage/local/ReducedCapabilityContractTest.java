package dev.cvos.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.tck.ObjectStoreContractTest;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The TCK's own test for its "unsupported" branches: every store of the repository declares every
 * capability, so these run the whole TCK against a real store declaring fewer, and show that the
 * TCK fails a store that declares less than it refuses, and a class of which no case ran.
 */
class ReducedCapabilityContractTest {

  private static ObjectStore local(Path root, StoreContext context) throws Exception {
    return new LocalObjectStoreFactory().create(Map.of("root", root.toString(), "fsync", "false"), context);
  }

  /** No range reads, no expiry, no create-only: every capability branch takes its refusal. */
  @Nested
  class WithoutAnyCapability extends ObjectStoreContractTest {
    @TempDir Path root;

    @Override
    protected ObjectStore createStore(StoreContext context) throws Exception {
      return new ReducedCapabilityStore(local(root, context), Set.of(), true);
    }
  }

  /** Expiry without create-only: reaches the create-only refusal after an expired object. */
  @Nested
  class WithoutCreateOnly extends ObjectStoreContractTest {
    @TempDir Path root;

    @Override
    protected ObjectStore createStore(StoreContext context) throws Exception {
      return new ReducedCapabilityStore(local(root, context),
          EnumSet.of(StoreCapability.RANGE_READ, StoreCapability.EXPIRY), true);
    }
  }

  /** The cases of each capability, the ones a store declaring less but refusing nothing fails. */
  private static final List<String> CAPABILITY_CASES = List.of(
      "rangeOfTheFirstByteReturnsOneByte",
      "createOnlySucceedsOverAnExpiredObject");

  @Test
  void aStoreThatDeclaresLessThanItRefusesFailsTheTck() {
    TestExecutionSummary summary = run(CAPABILITY_CASES.stream()
        .map(name -> (DiscoverySelector) selectMethod(DeclaresNoneRefusesNothing.class, name))
        .toList());

    assertThat(summary.getTestsStartedCount()).isEqualTo(CAPABILITY_CASES.size());
    assertThat(summary.getTestsFailedCount()).isEqualTo(CAPABILITY_CASES.size());
    assertThat(summary.getFailures()).allSatisfy(failure -> assertThat(failure.getException())
        .hasMessageContaining("UnsupportedStoreOperationException"));
  }

  @Test
  void aClassOfWhichNoCaseRanFails() {
    TestExecutionSummary summary = run(List.of(selectClass(NeverRuns.class)));

    assertThat(summary.getTestsSucceededCount()).isZero();
    assertThat(summary.getTestsAbortedCount()).isPositive();
    assertThat(summary.getFailures()).singleElement().satisfies(failure -> assertThat(
        failure.getException()).hasMessageContaining("No case of the storage TCK ran in"));
  }

  /** True only on the thread of {@link #run}: the classes that must fail run nowhere else. */
  private static final ThreadLocal<Boolean> LAUNCHED = ThreadLocal.withInitial(() -> false);

  static boolean launchedHere() {
    return LAUNCHED.get();
  }

  private static TestExecutionSummary run(List<DiscoverySelector> selectors) {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LAUNCHED.set(true);
    try {
      LauncherFactory.create().execute(
          LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
    } finally {
      LAUNCHED.remove();
    }
    return listener.getSummary();
  }

  /** Declares no capability but does everything: run only through {@link #run}. */
  @EnabledIf("dev.cvos.storage.local.ReducedCapabilityContractTest#launchedHere")
  static class DeclaresNoneRefusesNothing extends ObjectStoreContractTest {
    @TempDir Path root;

    @Override
    protected ObjectStore createStore(StoreContext context) throws Exception {
      return new ReducedCapabilityStore(local(root, context), Set.of(), false);
    }
  }

  /** Every case aborted, as by a store whose backend is missing: run only through {@link #run}. */
  @EnabledIf("dev.cvos.storage.local.ReducedCapabilityContractTest#launchedHere")
  static class NeverRuns extends ObjectStoreContractTest {
    @Override
    protected ObjectStore createStore(StoreContext context) throws Exception {
      Assumptions.abort("no backend here");
      return null;
    }
  }
}
