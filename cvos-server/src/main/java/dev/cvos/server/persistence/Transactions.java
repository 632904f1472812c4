package dev.cvos.server.persistence;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Short explicit transactions over the shared {@link DSLContext}, retried when PostgreSQL aborts
 * one to keep concurrent transactions correct: a serialization failure (SQLState 40001) or a
 * deadlock (40P01). Every other failure is passed on at once. The work must be safe to run again,
 * and must never make a network call.
 */
final class Transactions {
  static final int MAX_ATTEMPTS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  private static final Set<String> RETRYABLE = Set.of("40001", "40P01");
  private static final Duration BACKOFF = Duration.ofMillis(20);

  private final DSLContext dsl;

  Transactions(DSLContext dsl) {
    this.dsl = dsl;
  }

  <T> T inTransaction(TransactionalCallable<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return dsl.transactionResult(work);
      } catch (DataAccessException e) {
        String state = e.sqlState();
        if (!RETRYABLE.contains(state) || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        LOG.debug("Transaction aborted with SQLState {} (attempt {} of {}); retrying",
            state, attempt, MAX_ATTEMPTS);
        pause(attempt, e);
      }
    }
  }

  private static void pause(int attempt, DataAccessException cause) {
    long bound = BACKOFF.toMillis() * attempt;
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cause;
    }
  }
}
