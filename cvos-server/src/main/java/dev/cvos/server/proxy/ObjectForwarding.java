package dev.cvos.server.proxy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.peer.ForwardFailure;
import dev.cvos.peer.ForwardRequest;
import dev.cvos.peer.Forwarded;
import dev.cvos.peer.PeerForwarder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The forwarding use cases: send a client's request to a storing server, failing over to the next
 * one while that is safe, and record each server's success or failure in the ranking (a server
 * that failed is tried after the healthy ones for its cool-down).
 *
 * <p>Failing over is safe only while no byte of the client's body was taken (see {@link
 * PeerForwarder}): a write whose body was partly sent when its storing server failed ends in
 * {@code 503}; the storing server never makes a partial object visible, so the client sends it again.
 */
public final class ObjectForwarding {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectForwarding.class);
  private final ForwardTargets targets;
  private final PeerForwarder forwarder;
  private final PeerRanking ranking;

  public ObjectForwarding(ForwardTargets targets, PeerForwarder forwarder, PeerRanking ranking) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.forwarder = Objects.requireNonNull(forwarder, "forwarder");
    this.ranking = Objects.requireNonNull(ranking, "ranking");
  }

  /**
   * Forwards to the storing servers in turn until one answers (whatever it answers).
   *
   * @throws NoStoringServerException when none could be reached, or when the one that took part of
   *     the body failed
   */
  public Forwarded toStoringServer(ForwardRequest request) throws NoStoringServerException, InterruptedException {
    List<ServerRecord> order = targets.next();
    List<String> failures = new ArrayList<>();
    for (ServerRecord target : order) {
      try {
        return attempt(target, request);
      } catch (ForwardFailure failure) {
        failures.add(target.id() + ": " + failure.getMessage());
        if (!failure.retriable()) {
          throw partlySent(request, target, failure);
        }
      }
    }
    String reason = order.isEmpty() ? "no storing server is registered" : "no storing server could be reached ("
        + String.join("; ", failures) + ")";
    LOG.warn("{} {} not forwarded: {}", request.method(), request.rawPathAndQuery(), reason);
    throw unavailable(reason);
  }

  /**
   * Forwards to one peer chosen for a POST. Empty when it could not take the request before any
   * of the body was sent: the caller then stores it itself.
   *
   * @throws NoStoringServerException when the peer failed after part of the body was sent
   */
  public Optional<Forwarded> toPeer(ServerRecord target, ForwardRequest request)
      throws NoStoringServerException, InterruptedException {
    try {
      return Optional.of(attempt(target, request));
    } catch (ForwardFailure failure) {
      if (!failure.retriable()) {
        throw partlySent(request, target, failure);
      }
      LOG.info("{} {} placed on {} is stored here instead: {}", request.method(), request.rawPathAndQuery(),
          target.id(), failure.getMessage());
      return Optional.empty();
    }
  }

  private Forwarded attempt(ServerRecord target, ForwardRequest request) throws ForwardFailure, InterruptedException {
    try {
      Forwarded answer = forwarder.forward(target, request);
      ranking.recordSuccess(target.id());
      return answer;
    } catch (ForwardFailure failure) {
      ranking.recordFailure(target.id());
      LOG.warn("forwarding {} {} to {} at {} failed ({}): {}", request.method(), request.rawPathAndQuery(), target.id(),
          target.url(), failure.kind(), failure.getMessage());
      throw failure;
    }
  }

  private static NoStoringServerException partlySent(ForwardRequest request, ServerRecord target, ForwardFailure failure) {
    LOG.warn("{} {}: {} failed after part of the body was sent; answering 503, the client must retry",
        request.method(), request.rawPathAndQuery(), target.id());
    return unavailable("storing server " + target.id() + " failed while the body was being sent ("
        + failure.getMessage() + "); a storing server never keeps a partial object: send the request again");
  }

  private static NoStoringServerException unavailable(String message) {
    return new NoStoringServerException(message);
  }
}
