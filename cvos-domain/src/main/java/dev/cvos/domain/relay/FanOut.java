package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Asks peers in groups, at most {@code maxConcurrent} at once, on the caller's executor, and
 * collects their answers on the calling thread until a hit (when asked to stop at one), until every
 * peer answered, or until the give-up deadline. A group is asked when the one before has answered
 * in full or after the head start, whichever comes first. At the end, calls still running are
 * cancelled (interrupted), and a hit that is not the winner — already answered or answered later —
 * is handed to {@code discard} so its body is closed.
 */
final class FanOut<T> {

  /** One peer call. */
  @FunctionalInterface
  interface Call<T> {
    PeerAnswer<T> ask(ServerRecord peer, Deadline deadline);
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

  private final ExecutorService executor;
  private final int maxConcurrent;
  private final Consumer<T> discard;

  FanOut(ExecutorService executor, int maxConcurrent, Consumer<T> discard) {
    this.executor = Objects.requireNonNull(executor, "executor");
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
    Map<RankedPeer, Future<?>> inFlight = new LinkedHashMap<>();
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

  private Future<?> submit(Mailbox<T> mailbox, RankedPeer peer, Deadline deadline, Call<T> call) {
    try {
      return executor.submit(() -> mailbox.deliver(new Answer<>(peer, askSafely(peer, deadline, call))));
    } catch (RejectedExecutionException e) {
      PeerAnswer<T> refused = new PeerAnswer.Unavailable<>(
          PeerAnswer.Cause.CANCELLED, "relay executor refused the call to " + peer.id() + ": " + e);
      mailbox.deliver(new Answer<>(peer, refused));
      return java.util.concurrent.CompletableFuture.completedFuture(null);
    }
  }

  private static <T> PeerAnswer<T> askSafely(RankedPeer peer, Deadline deadline, Call<T> call) {
    try {
      return Objects.requireNonNull(call.ask(peer.server(), deadline), "gateway answered null");
    } catch (RuntimeException e) {
      // A gateway must not throw; if it does, the peer counts as unavailable, never as "not found".
      return new PeerAnswer.Unavailable<>(
          PeerAnswer.Cause.PROTOCOL, "gateway failed for " + peer.id() + ": " + e);
    }
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
