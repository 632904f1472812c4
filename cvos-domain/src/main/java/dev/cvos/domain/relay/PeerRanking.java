package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The order in which the storing peers are asked, and the state of every server for the cluster
 * view.
 *
 * <p>The order is: healthy peers in the registry's stable order (by id); then de-prioritized ones
 * (a failure or timeout within the cool-down), the longest-failed first; then offline ones (no
 * heartbeat for {@link RankingPolicy#offlineAfter()}). A de-prioritized or offline peer is asked
 * last, never skipped: it may hold the only copy. A success restores a peer at once; a cool-down
 * ends by itself. Only storing peers other than this server are ranked (see {@link
 * PeerView#storingPeers()}). Thread-safe.
 */
public final class PeerRanking {
  private final PeerView view;
  private final Clock clock;
  private final RankingPolicy policy;
  private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();

  public PeerRanking(PeerView view, Clock clock, RankingPolicy policy) {
    this.view = Objects.requireNonNull(view, "view");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** The storing peers in the order they are asked, each with its state. */
  public List<RankedPeer> order() {
    Instant now = clock.instant();
    List<RankedPeer> healthy = new ArrayList<>();
    List<RankedPeer> deprioritized = new ArrayList<>();
    List<RankedPeer> offline = new ArrayList<>();
    for (ServerRecord peer : view.storingPeers()) {
      RankedPeer ranked = new RankedPeer(peer, stateAt(peer, now));
      switch (ranked.state()) {
        case HEALTHY -> healthy.add(ranked);
        case DEPRIORITIZED -> deprioritized.add(ranked);
        case OFFLINE -> offline.add(ranked);
        default -> throw new IllegalStateException("unknown state " + ranked.state());
      }
    }
    deprioritized.sort(Comparator.comparing(peer -> failedAt.getOrDefault(peer.id(), now)));
    List<RankedPeer> order = new ArrayList<>(healthy);
    order.addAll(deprioritized);
    order.addAll(offline);
    return List.copyOf(order);
  }

  /** Every registered server (this one included) with its state, for the cluster view. */
  public List<RankedPeer> clusterView() {
    Instant now = clock.instant();
    return view.servers().stream().map(server -> new RankedPeer(server, stateAt(server, now))).toList();
  }

  /** The state of one server now. */
  public PeerState state(ServerRecord server) {
    return stateAt(server, clock.instant());
  }

  /** Notes that a peer failed or timed out: it is asked last until the cool-down ends. */
  public void recordFailure(String serverId) {
    failedAt.put(Objects.requireNonNull(serverId, "serverId"), clock.instant());
  }

  /** Notes that a peer answered (found or not found): it is healthy again at once. */
  public void recordSuccess(String serverId) {
    failedAt.remove(Objects.requireNonNull(serverId, "serverId"));
  }

  private PeerState stateAt(ServerRecord server, Instant now) {
    if (server.lastSeen().plus(policy.offlineAfter()).isBefore(now)) {
      return PeerState.OFFLINE;
    }
    Instant failed = failedAt.get(server.id());
    if (failed != null) {
      if (now.isBefore(failed.plus(policy.cooldown()))) {
        return PeerState.DEPRIORITIZED;
      }
      failedAt.remove(server.id(), failed);
    }
    return PeerState.HEALTHY;
  }
}
