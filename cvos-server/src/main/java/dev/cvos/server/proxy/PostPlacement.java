package dev.cvos.server.proxy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerState;
import dev.cvos.domain.relay.RankedPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a balancing server (the primary, by default) stores the next POST: round robin over this
 * server and every healthy storing peer. Weighted by health in the simplest way: a de-prioritized
 * peer (it failed recently) gets no turn until its cool-down ends or it answers again, an offline
 * one never; this server always takes its turn. Thread-safe.
 */
public final class PostPlacement {
  private final PeerRanking ranking;
  private final AtomicLong turn = new AtomicLong();

  public PostPlacement(PeerRanking ranking) {
    this.ranking = Objects.requireNonNull(ranking, "ranking");
  }

  /** The peer that takes the next POST, or empty when this server takes it. */
  public Optional<ServerRecord> next() {
    List<ServerRecord> healthyPeers = new ArrayList<>();
    for (RankedPeer peer : ranking.order()) {
      if (peer.state() == PeerState.HEALTHY) {
        healthyPeers.add(peer.server());
      }
    }
    // Slot 0 is this server; slot i > 0 is the i-th healthy peer in the registry's order.
    int slot = Math.floorMod(turn.getAndIncrement(), healthyPeers.size() + 1);
    return slot == 0 ? Optional.empty() : Optional.of(healthyPeers.get(slot - 1));
  }
}
