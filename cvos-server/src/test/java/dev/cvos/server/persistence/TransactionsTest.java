package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.exception.IntegrityConstraintViolationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransactionsTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private final ExecutorService executor = Executors.newFixedThreadPool(2);
  private Transactions transactions;

  @BeforeEach
  void twoServers() {
    JooqServerRegistry registry = new JooqServerRegistry(database.dsl());
    for (String id : new String[] {"a", "b"}) {
      registry.register(new ServerRecord(id, URI.create("https://" + id + ":8443"),
          ServerRole.PRIMARY, StorageMode.LOCAL, "0", T0));
    }
    transactions = new Transactions(database.dsl());
  }

  @AfterEach
  void stopExecutor() throws InterruptedException {
    executor.shutdownNow();
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aTransactionAbortedByADeadlockIsRetriedAndBothComplete() throws Exception {
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch bothHoldTheirFirstRow = new CountDownLatch(2);

    Future<Integer> ab = executor.submit(() -> lockBoth("a", "b", attempts, bothHoldTheirFirstRow));
    Future<Integer> ba = executor.submit(() -> lockBoth("b", "a", attempts, bothHoldTheirFirstRow));

    assertThat(ab.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(ba.get(30, TimeUnit.SECONDS)).isEqualTo(1);
    // At least one of the two was aborted by the deadlock and ran again; under load PostgreSQL may
    // abort a retry too, so the exact count is not part of the contract.
    assertThat(attempts.get()).isGreaterThanOrEqualTo(3);
    assertThat(database.dsl().fetch(SERVER_REGISTRY).getValues(SERVER_REGISTRY.VERSION))
        .containsExactlyInAnyOrder("from-a", "from-b");
  }

  private int lockBoth(String first, String second, AtomicInteger attempts, CountDownLatch latch) {
    AtomicInteger mine = new AtomicInteger();
    return transactions.inTransaction(tx -> {
      attempts.incrementAndGet();
      tx.dsl().selectFrom(SERVER_REGISTRY).where(SERVER_REGISTRY.ID.eq(first)).forUpdate().fetch();
      if (mine.incrementAndGet() == 1) {
        latch.countDown();
        assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
      }
      return tx.dsl().update(SERVER_REGISTRY)
          .set(SERVER_REGISTRY.VERSION, "from-" + first)
          .where(SERVER_REGISTRY.ID.eq(second))
          .execute();
    });
  }

  @Test
  void otherFailuresArePassedOnWithoutRetry() {
    AtomicInteger attempts = new AtomicInteger();

    assertThatThrownBy(() -> transactions.inTransaction(tx -> {
      attempts.incrementAndGet();
      return tx.dsl().insertInto(SERVER_REGISTRY)
          .set(SERVER_REGISTRY.ID, "a")
          .set(SERVER_REGISTRY.URL, "https://a:8443")
          .set(SERVER_REGISTRY.ROLE, "PRIMARY")
          .set(SERVER_REGISTRY.STORAGE_MODE, "LOCAL")
          .set(SERVER_REGISTRY.VERSION, "0")
          .set(SERVER_REGISTRY.REGISTERED_AT, T0.atOffset(java.time.ZoneOffset.UTC))
          .set(SERVER_REGISTRY.LAST_SEEN, T0.atOffset(java.time.ZoneOffset.UTC))
          .execute();
    })).isInstanceOf(IntegrityConstraintViolationException.class);
    assertThat(attempts).hasValue(1);
  }
}
