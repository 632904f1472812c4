package dev.cvos.domain.relay;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.RangeNotSatisfiableException;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * The relay use case: what a storing server does when an object it was asked for is not in its own
 * storage (docs/architecture.md, "The relay").
 *
 * <p>GET and HEAD ask the server named by the key's {@link LocationHint} first (when it is a
 * healthy registered storing peer), then, after the policy's head start or as soon as it said no,
 * the other healthy storing peers in parallel, at most {@link RelayPolicy#maxConcurrent()} at once,
 * then the de-prioritized and offline ones. The first peer that has the object wins; the other
 * calls are cancelled and any body they opened is closed. The answer is {@link
 * RelayOutcome.NotFound} only when every storing peer answered that it does not have the object,
 * and {@link RelayOutcome.Unavailable} when one of them did not answer in time. A relay never takes
 * longer than {@link RelayPolicy#timeout()} plus {@link RelayPolicy#margin()}.
 *
 * <p>DELETE and the cluster-wide listing ask every storing peer, in parallel with the same bound.
 *
 * <p>Every answer updates the {@link PeerRanking}: a peer that answered (yes or no) is healthy, one
 * that failed or did not answer in time is de-prioritized. A GET runs where the gateway's {@link
 * PeerGateway#getAsync} puts it (the HTTPS transport needs no thread while it waits); the other
 * calls run on the executor given, which its owner shuts down. The calling thread waits for the
 * answer.
 */
public final class Relay {
  private final PeerRanking ranking;
  private final PeerGateway gateway;
  private final LocationHint hint;
  private final RelayPolicy policy;
  private final ExecutorService executor;

  public Relay(
      PeerRanking ranking,
      PeerGateway gateway,
      LocationHint hint,
      RelayPolicy policy,
      ExecutorService executor) {
    this.ranking = Objects.requireNonNull(ranking, "ranking");
    this.gateway = Objects.requireNonNull(gateway, "gateway");
    this.hint = Objects.requireNonNull(hint, "hint");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  /**
   * Finds an object on the other storing servers and opens it.
   *
   * @return the object, whose body streams from the peer that had it (the caller closes it); not
   *     found; or unavailable
   * @throws RangeNotSatisfiableException when the peer that has the object answers that no byte of
   *     it is in {@code range}
   */
  public RelayOutcome<StoredObject> get(String bucket, String key, ByteRange range)
      throws RangeNotSatisfiableException {
    return get(bucket, key, range, peer -> true);
  }

  /**
   * Finds an object on the storing servers {@code asked} accepts (the holders the catalog names)
   * and opens it, as {@link #get(String, String, ByteRange)} does.
   */
  public RelayOutcome<StoredObject> get(String bucket, String key, ByteRange range, Predicate<String> asked)
      throws RangeNotSatisfiableException {
    FanOut.Result<StoredObject> result = firstHit(bucket, key, asked, Relay::closeQuietly,
        (peer, deadline) -> gateway.getAsync(peer, bucket, key, range, deadline, executor));
    if (result.winner() != null
        && result.winner().answer() instanceof PeerAnswer.RangeNotSatisfiable<StoredObject> rns) {
      throw new RangeNotSatisfiableException(rns.size());
    }
    return outcome(result);
  }

  /** Finds an object's metadata on the other storing servers. */
  public RelayOutcome<ObjectMetadata> stat(String bucket, String key) {
    return stat(bucket, key, peer -> true);
  }

  /** Finds an object's metadata on the storing servers {@code asked} accepts. */
  public RelayOutcome<ObjectMetadata> stat(String bucket, String key, Predicate<String> asked) {
    return outcome(firstHit(bucket, key, asked, metadata -> { }, FanOut.blocking(executor,
        (peer, deadline) -> gateway.stat(peer, bucket, key, deadline), metadata -> { })));
  }

  /**
   * Deletes an object on every other storing server, all of them asked in parallel (at most
   * {@link RelayPolicy#maxConcurrent()} at once, de-prioritized and offline ones last).
   */
  public DeleteOutcome delete(String bucket, String key) {
    return delete(bucket, key, peer -> true);
  }

  /** Deletes an object on the storing servers {@code asked} accepts, as {@link #delete(String, String)}. */
  public DeleteOutcome delete(String bucket, String key, Predicate<String> asked) {
    Deadline deadline = Deadline.after(policy.timeout());
    FanOut<Deleted> fanOut = new FanOut<>(policy.maxConcurrent(), deleted -> { });
    List<RankedPeer> peers = ranking.order().stream().filter(peer -> asked.test(peer.id())).toList();
    FanOut.Result<Deleted> result = fanOut.run(List.of(peers), Duration.ZERO, null,
        deadline, deadline.plus(policy.margin()), FanOut.blocking(executor,
            (peer, callDeadline) -> gateway.delete(peer, bucket, key, callDeadline), deleted -> { }));
    record(result);
    List<String> deleted = new ArrayList<>();
    List<String> notFound = new ArrayList<>();
    List<String> unreachable = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (FanOut.Answer<Deleted> answer : result.answers()) {
      if (answer.answer() instanceof PeerAnswer.Found<Deleted>) {
        deleted.add(answer.peer().id());
      } else if (answer.answer() instanceof PeerAnswer.Unavailable<Deleted> unavailable) {
        unreachable.add(answer.peer().id());
        reasons.add(unavailable.reason());
      } else {
        notFound.add(answer.peer().id());
      }
    }
    addUnanswered(result, unreachable, reasons);
    return new DeleteOutcome(deleted, notFound, unreachable, String.join("; ", reasons));
  }

  /**
   * One page of a bucket's listing across the cluster: every storing peer is asked for its own page
   * of the same request, all in parallel (bounded, de-prioritized and offline ones last), and the
   * pages are merged with this server's {@code localPage}.
   */
  public ClusterListing list(String bucket, ListRequest request, ObjectListing localPage) {
    Deadline deadline = Deadline.after(policy.timeout());
    FanOut<ObjectListing> fanOut = new FanOut<>(policy.maxConcurrent(), page -> { });
    FanOut.Result<ObjectListing> result = fanOut.run(List.of(ranking.order()), Duration.ZERO, null,
        deadline, deadline.plus(policy.margin()), FanOut.blocking(executor,
            (peer, callDeadline) -> gateway.list(peer, bucket, request, callDeadline), page -> { }));
    record(result);
    List<ObjectListing> pages = new ArrayList<>(List.of(localPage));
    List<String> unreachable = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (FanOut.Answer<ObjectListing> answer : result.answers()) {
      if (answer.answer() instanceof PeerAnswer.Found<ObjectListing> found) {
        pages.add(found.value());
      } else if (answer.answer() instanceof PeerAnswer.Unavailable<ObjectListing> unavailable) {
        unreachable.add(answer.peer().id());
        reasons.add(unavailable.reason());
      }
    }
    addUnanswered(result, unreachable, reasons);
    return new ClusterListing(ClusterListing.merge(pages, request.limit()), unreachable,
        String.join("; ", reasons));
  }

  private <T> FanOut.Result<T> firstHit(
      String bucket, String key, Predicate<String> asked, Consumer<T> discard, FanOut.Call<T> call) {
    List<RankedPeer> order = ranking.order().stream().filter(peer -> asked.test(peer.id())).toList();
    Optional<RankedPeer> hinted = hint.serverIdOf(bucket, key)
        .flatMap(id -> order.stream().filter(peer -> peer.id().equals(id)).findFirst());
    List<RankedPeer> first = new ArrayList<>();
    List<RankedPeer> healthy = new ArrayList<>();
    List<RankedPeer> later = new ArrayList<>();
    hinted.ifPresent(peer -> (peer.state() == PeerState.HEALTHY ? first : later).add(peer));
    for (RankedPeer peer : order) {
      if (hinted.isPresent() && hinted.get().equals(peer)) {
        continue;
      }
      (peer.state() == PeerState.HEALTHY ? healthy : later).add(peer);
    }
    Deadline deadline = Deadline.after(policy.timeout());
    FanOut<T> fanOut = new FanOut<>(policy.maxConcurrent(), discard);
    FanOut.Result<T> result = fanOut.run(List.of(first, healthy, later), policy.headStart(),
        answer -> answer instanceof PeerAnswer.Found<T>
            || answer instanceof PeerAnswer.RangeNotSatisfiable<T>,
        deadline, deadline.plus(policy.margin()), call);
    record(result);
    return result;
  }

  private <T> RelayOutcome<T> outcome(FanOut.Result<T> result) {
    if (result.winner() != null && result.winner().answer() instanceof PeerAnswer.Found<T> found) {
      return new RelayOutcome.Found<>(found.value(), found.servedBy());
    }
    List<String> unanswered = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    for (FanOut.Answer<T> answer : result.answers()) {
      if (answer.answer() instanceof PeerAnswer.Unavailable<T> unavailable) {
        unanswered.add(answer.peer().id());
        reasons.add(unavailable.reason());
      }
    }
    addUnanswered(result, unanswered, reasons);
    return unanswered.isEmpty()
        ? new RelayOutcome.NotFound<>()
        : new RelayOutcome.Unavailable<>(unanswered, String.join("; ", reasons));
  }

  private static <T> void addUnanswered(
      FanOut.Result<T> result, List<String> unanswered, List<String> reasons) {
    if (!result.pending().isEmpty()) {
      unanswered.addAll(ids(result.pending()));
      reasons.add("no answer in time from " + String.join(", ", ids(result.pending())));
    }
    if (!result.notAsked().isEmpty()) {
      unanswered.addAll(ids(result.notAsked()));
      reasons.add("no time left to ask " + String.join(", ", ids(result.notAsked())));
    }
  }

  /** Updates the ranking: answers restore, failures and timeouts de-prioritize. */
  private <T> void record(FanOut.Result<T> result) {
    for (FanOut.Answer<T> answer : result.answers()) {
      if (answer.answer() instanceof PeerAnswer.Unavailable<T> unavailable) {
        if (unavailable.cause() != PeerAnswer.Cause.CANCELLED) {
          ranking.recordFailure(answer.peer().id());
        }
      } else {
        ranking.recordSuccess(answer.peer().id());
      }
    }
    if (result.winner() == null && !Thread.currentThread().isInterrupted()) {
      result.pending().forEach(peer -> ranking.recordFailure(peer.id()));
    }
  }

  private static List<String> ids(List<RankedPeer> peers) {
    return peers.stream().map(RankedPeer::id).collect(Collectors.toList());
  }

  private static void closeQuietly(StoredObject object) {
    try {
      object.close();
    } catch (IOException | RuntimeException e) {
      // Deliberately ignored: the body of a losing peer is being thrown away, a failure to close
      // it changes nothing for the answer, and the transport aborts the exchange on its own. The
      // domain has no logger, and throwing here would break the relay that already has a winner.
      return;
    }
  }
}
