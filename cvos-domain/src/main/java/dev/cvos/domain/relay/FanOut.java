package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Asks peers in groups, at most {@code maxConcurrent} at once (each call runs where its {@link
 * Call} puts it: on an executor, or on the transport's own threads), and collects their answers on
 * the calling thread until a hit (when asked to stop at one), until every peer answered, or until
 * the give-up deadline. A group is asked when the one before has answered in full or after the
 * head start, whichever comes first. At the end, calls still running are cancelled, and a hit that
 * is not the winner — already answered or answered later — is handed to {@code discard} so its
 * body is closed.
 */
final class FanOut<T> {

  /**
   * One peer call: starts it and returns the stage its answer completes. Cancelling the stage
   * cancels the call. {@link #blocking} makes one of a call that holds a thread.
   */
  @FunctionalInterface
  interface Call<T> {
    CompletableFuture<PeerAnswer<T>> ask(ServerRecord peer, Deadline deadline);
  }

  /** A call that holds a thread while it waits, run on {@code executor}. */
  static <T> Call<T> blocking(
      ExecutorService executor, BlockingCalls.BlockingCall<T> call, Consumer<T> discard) {
    return (peer, deadline) -> BlockingCalls.start(executor, peer, deadline, call, discard);
  }

  /** What one peer answered. */
  record Answer<T>(RankedPeer peer, PeerAnswer<T> answer) {}

  /**
   * How a run ended.
   *
   * @param winner the hit that ended the run, or null
   * @param answers every answer taken, the winner included, in arrival order
   * @param pending peers asked that had not answered when the run ended
   * @param notAsked peers never asked because the run ended first
   */
  record Result<T>(
      Answer<T> winner, List<Answer<T>> answers, List<RankedPeer> pending, List<RankedPeer> notAsked) {}

  private final int maxConcurrent;
  private final Consumer<T> discard;

  FanOut(int maxConcurrent, Consumer<T> discard) {
    this.maxConcurrent = maxConcurrent;
    this.discard = Objects.requireNonNull(discard, "discard");
  }

  /**
   * Runs the calls.
   *
   * @param groups the peers, in groups asked one after the other
   * @param headStart how long a group is asked before the next one is
   * @param isHit which answers end the run; null to ask every peer
   * @param deadline the deadline each call gets
   * @param giveUp when the run stops waiting for calls that ignore their deadline
   */
  Result<T> run(
      List<List<RankedPeer>> groups,
      Duration headStart,
      Predicate<PeerAnswer<T>> isHit,
      Deadline deadline,
      Deadline giveUp,
      Call<T> call) {
    List<RankedPeer> peers = new ArrayList<>();
    List<Integer> groupEnds = new ArrayList<>();
    for (List<RankedPeer> group : groups) {
      if (!group.isEmpty()) {
        peers.addAll(group);
        groupEnds.add(peers.size());
      }
    }
    Mailbox<T> mailbox = new Mailbox<>(discard);
    Map<RankedPeer, CompletableFuture<PeerAnswer<T>>> inFlight = new LinkedHashMap<>();
    List<Answer<T>> answers = new ArrayList<>();
    Answer<T> winner = null;
    int released = 0;
    int nextGroup = 0;
    long nextReleaseNanos = System.nanoTime();
    int cursor = 0;
    try {
      while (true) {
        while (nextGroup < groupEnds.size()
            && (System.nanoTime() - nextReleaseNanos >= 0 || (cursor == released && inFlight.isEmpty()))) {
          released = groupEnds.get(nextGroup++);
          nextReleaseNanos = System.nanoTime() + headStart.toNanos();
        }
        while (cursor < released && inFlight.size() < maxConcurrent) {
          RankedPeer peer = peers.get(cursor++);
          inFlight.put(peer, submit(mailbox, peer, deadline, call));
        }
        if (cursor == peers.size() && inFlight.isEmpty()) {
          break;
        }
        long waitNanos = giveUp.remaining().toNanos();
        if (waitNanos <= 0) {
          break;
        }
        if (nextGroup < groupEnds.size()) {
          waitNanos = Math.max(0, Math.min(waitNanos, nextReleaseNanos - System.nanoTime()));
        }
        Answer<T> answer = mailbox.poll(waitNanos);
        if (answer == null) {
          continue;
        }
        inFlight.remove(answer.peer());
        answers.add(answer);
        if (isHit != null && isHit.test(answer.answer())) {
          winner = answer;
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      mailbox.close();
      inFlight.values().forEach(future -> future.cancel(true));
    }
    return new Result<>(
        winner, answers, List.copyOf(inFlight.keySet()), List.copyOf(peers.subList(cursor, peers.size())));
  }

  private CompletableFuture<PeerAnswer<T>> submit(
      Mailbox<T> mailbox, RankedPeer peer, Deadline deadline, Call<T> call) {
    CompletableFuture<PeerAnswer<T>> pending;
    try {
      pending = Objects.requireNonNull(call.ask(peer.server(), deadline), "gateway answered null");
    } catch (RuntimeException e) {
      pending = CompletableFuture.completedFuture(failed(peer, e));
    }
    pending.whenComplete((answer, failure) ->
        mailbox.deliver(new Answer<>(peer, answer != null ? answer : failed(peer, failure))));
    return pending;
  }

  /** A gateway must not fail; if it does, the peer counts as unavailable, never as "not found". */
  private static <T> PeerAnswer<T> failed(RankedPeer peer, Throwable failure) {
    if (failure instanceof CancellationException) {
      return new PeerAnswer.Unavailable<>(PeerAnswer.Cause.CANCELLED, "call to " + peer.id() + " cancelled");
    }
    return new PeerAnswer.Unavailable<>(
        PeerAnswer.Cause.PROTOCOL, "gateway failed for " + peer.id() + ": " + failure);
  }

  /**
   * Where calls leave their answers. Once closed, a hit delivered late is discarded (its body
   * closed) instead of queued, and hits still queued are discarded too.
   */
  private static final class Mailbox<T> {
    private final BlockingQueue<Answer<T>> queue = new LinkedBlockingQueue<>();
    private final Consumer<T> discard;
    private boolean closed;

    Mailbox(Consumer<T> discard) {
      this.discard = discard;
    }

    void deliver(Answer<T> answer) {
      synchronized (this) {
        if (!closed) {
          queue.add(answer);
          return;
        }
      }
      discardValue(answer);
    }

    Answer<T> poll(long nanos) throws InterruptedException {
      return queue.poll(nanos, TimeUnit.NANOSECONDS);
    }

    void close() {
      synchronized (this) {
        closed = true;
      }
      for (Answer<T> answer = queue.poll(); answer != null; answer = queue.poll()) {
        discardValue(answer);
      }
    }

    private void discardValue(Answer<T> answer) {
      if (answer.answer() instanceof PeerAnswer.Found<T> found) {
        discard.accept(found.value());
      }
    }
  }
}
