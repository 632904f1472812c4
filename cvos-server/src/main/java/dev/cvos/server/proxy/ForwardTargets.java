package dev.cvos.server.proxy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerState;
import dev.cvos.domain.relay.RankedPeer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The storing servers a simple secondary forwards a request to, in the order they are tried: the
 * healthy ones round robin (each request starts at the next one), then the de-prioritized and
 * offline ones in ranking order, so a request still goes somewhere when all of them failed
 * recently. Thread-safe.
 */
public final class ForwardTargets {
  private final PeerRanking ranking;
  private final AtomicLong turn = new AtomicLong();

  public ForwardTargets(PeerRanking ranking) {
    this.ranking = Objects.requireNonNull(ranking, "ranking");
  }

  /** The storing servers to try for the next request, first choice first. */
  public List<ServerRecord> next() {
    List<RankedPeer> order = ranking.order();
    List<ServerRecord> healthy = new ArrayList<>();
    List<ServerRecord> rest = new ArrayList<>();
    for (RankedPeer peer : order) {
      (peer.state() == PeerState.HEALTHY ? healthy : rest).add(peer.server());
    }
    List<ServerRecord> targets = new ArrayList<>(order.size());
    if (!healthy.isEmpty()) {
      int first = Math.floorMod(turn.getAndIncrement(), healthy.size());
      for (int i = 0; i < healthy.size(); i++) {
        targets.add(healthy.get((first + i) % healthy.size()));
      }
    }
    targets.addAll(rest);
    return targets;
  }
}
