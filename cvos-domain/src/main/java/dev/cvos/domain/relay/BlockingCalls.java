package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Runs a blocking peer call on an executor thread as a stage the relay can wait for: cancelling
 * the stage interrupts the thread, an executor that refuses the call answers unavailable (never
 * "not found"), a call that throws counts as unavailable, and a hit that arrives after the stage
 * was cancelled is handed to {@code discard} (its body closed).
 */
final class BlockingCalls {
  /** A peer call that holds the calling thread until it answers. */
  @FunctionalInterface
  interface BlockingCall<T> {
    PeerAnswer<T> ask(ServerRecord peer, Deadline deadline);
  }

  private BlockingCalls() {}

  static <T> CompletableFuture<PeerAnswer<T>> start(ExecutorService executor, ServerRecord peer,
      Deadline deadline, BlockingCall<T> call, Consumer<T> discard) {
    CompletableFuture<PeerAnswer<T>> answer = new CompletableFuture<>();
    Future<?> task;
    try {
      task = executor.submit(() -> {
        PeerAnswer<T> result = askSafely(peer, deadline, call);
        if (!answer.complete(result) && result instanceof PeerAnswer.Found<T> found) {
          discard.accept(found.value());
        }
      });
    } catch (RejectedExecutionException e) {
      answer.complete(new PeerAnswer.Unavailable<>(
          PeerAnswer.Cause.CANCELLED, "relay executor refused the call to " + peer.id() + ": " + e));
      return answer;
    }
    answer.whenComplete((result, failure) -> {
      if (failure != null) {
        task.cancel(true);
      }
    });
    return answer;
  }

  private static <T> PeerAnswer<T> askSafely(ServerRecord peer, Deadline deadline, BlockingCall<T> call) {
    try {
      return Objects.requireNonNull(call.ask(peer, deadline), "gateway answered null");
    } catch (RuntimeException e) {
      // A gateway must not throw; if it does, the peer counts as unavailable, never as "not found".
      return new PeerAnswer.Unavailable<>(
          PeerAnswer.Cause.PROTOCOL, "gateway failed for " + peer.id() + ": " + e);
    }
  }
}
