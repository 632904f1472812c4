package dev.cvos.storage.spi.tck;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import java.time.Instant;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storage TCK: the contract of {@link ObjectStore}, as JUnit 5 tests any store can run.
 *
 * <h2>Running it against your store</h2>
 *
 * <ol>
 *   <li>Depend on the TCK in test scope; it brings JUnit 5 and AssertJ with it (import {@code
 *       dev.cvos:cvos-bom} for the version, see docs/plugin-guide.md):
 *       <pre>{@code
 * <dependency>
 *   <groupId>dev.cvos</groupId><artifactId>cvos-storage-tck</artifactId><scope>test</scope>
 * </dependency>
 * }</pre>
 *   <li>Extend this class and build your store over fresh, empty storage for each test:
 *       <pre>
 * class MyStoreTest extends ObjectStoreContractTest {
 *   &#64;TempDir Path root;   // or a fresh share folder, bucket prefix, ...
 *
 *   &#64;Override
 *   protected ObjectStore createStore(StoreContext context) {
 *     return new MyStoreFactory().create(Map.of("root", root.toString()), context);
 *   }
 * }
 * </pre>
 *   <li>Run it like any test, with maven-surefire-plugin 3 or newer: {@code mvn test
 *       -Dtest=MyStoreTest}. A class of which no case ran (all skipped or aborted) fails. Keep
 *       the test heap small (the build of this module uses {@code -Xmx64m}): a 200 MiB object
 *       goes through the store, so a store that holds an object in memory fails.
 * </ol>
 *
 * <p>{@link #createStore} is called before each test, and again each time a test reopens the store
 * ({@link #reopenStore()}): within one test every call must reach the same storage, so objects
 * written before a reopen are there after it. Each test must start from empty storage. The store
 * must take time from {@link StoreContext#clock()}: the TCK hands it a {@link MutableClock} that
 * stands still at {@link #START} until a test moves it, which is how expiry is tested.
 *
 * <h2>Capabilities</h2>
 *
 * A store that lacks a {@link dev.cvos.storage.spi.StoreCapability} (declared in {@link
 * ObjectStore#capabilities()}) is not excused from its cases: each case runs the branch that
 * matches the declaration and asserts that an operation needing a missing capability fails with
 * {@link dev.cvos.storage.spi.UnsupportedStoreOperationException}.
 *
 * <h2>What is checked</h2>
 *
 * Round trips of empty to 200 MiB bodies of known and unknown length, verified by streaming
 * SHA-256; declared length and expected digest mismatches that store nothing; byte ranges at the
 * edges; overwrite, create-only, racing writers and readers racing a writer; listing order (UTF-8
 * bytes), prefixes and pages over 3000 keys; names at the edges of the API's rules; expiry and
 * purging; health, free space and durability across a reopen.
 */
public abstract class ObjectStoreContractTest
    implements RoundTripContract,
        RangeContract,
        OverwriteContract,
        ListingContract,
        NamingContract,
        ExpiryContract,
        StoreInfoContract {

  /** Where the clock stands at the start of every test. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  /** The server id the stores under test are given. */
  public static final String SERVER_ID = "tck-server";

  /** Fails a class of which no contract case ran: see {@link ContractRunCheck}. */
  @RegisterExtension
  static final ContractRunCheck CONTRACT_RUN_CHECK = new ContractRunCheck();

  private final MutableClock clock = new MutableClock(START);
  private ObjectStore store;

  /**
   * Builds the store under test over this test's storage.
   *
   * @param context the clock and server id the store must use
   */
  protected abstract ObjectStore createStore(StoreContext context) throws Exception;

  /** The context handed to {@link #createStore}; override to give the store another server id. */
  protected StoreContext storeContext() {
    return StoreContext.of(clock, SERVER_ID);
  }

  @BeforeEach
  final void openStoreUnderTest() throws Exception {
    store = Objects.requireNonNull(createStore(storeContext()), "createStore returned null");
  }

  @AfterEach
  final void closeStoreUnderTest() throws Exception {
    if (store != null) {
      store.close();
    }
  }

  @Override
  public final ObjectStore store() {
    return store;
  }

  @Override
  public final MutableClock clock() {
    return clock;
  }

  /** Closes the store and builds it again with {@link #createStore}, over the same storage. */
  @Override
  public final ObjectStore reopenStore() throws Exception {
    store.close();
    store = null;
    store = Objects.requireNonNull(createStore(storeContext()), "createStore returned null");
    return store;
  }
}
