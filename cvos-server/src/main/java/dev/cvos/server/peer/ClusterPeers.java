package dev.cvos.server.peer;

import dev.cvos.domain.relay.LocationHint;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.domain.relay.Relay;
import dev.cvos.peer.HttpPeerGateway;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.cvos.domain.relay.RelayPolicy;

/**
 * This server's peers: the view of the registry, their ranking, and (when this server has the
 * cluster's peer key) the transport (mutual TLS with {@link PeerDirectory#trust()}) and the relay
 * with the threads it runs on. Owns and stops the transport and the threads.
 */
public final class ClusterPeers implements AutoCloseable {
  private final PeerView view;
  private final PeerRanking ranking;
  private final Optional<HttpPeerGateway> gateway;
  private final Optional<Relay> relay;
  private final Optional<ExecutorService> relayThreads;

  ClusterPeers(PeerView view, PeerRanking ranking, Optional<HttpPeerGateway> gateway, RelayPolicy policy,
      int maxThreads) {
    this.view = view;
    this.ranking = ranking;
    this.gateway = gateway;
    if (gateway.isPresent()) {
      ExecutorService threads = new ThreadPoolExecutor(0, maxThreads, 60, TimeUnit.SECONDS,
          new SynchronousQueue<>(), daemonThreads("cvos-relay-"));
      this.relayThreads = Optional.of(threads);
      this.relay = Optional.of(new Relay(ranking, gateway.get(), LocationHint.serverIdPrefix(), policy, threads));
    } else {
      this.relayThreads = Optional.empty();
      this.relay = Optional.empty();
    }
  }

  public PeerView view() {
    return view;
  }

  public PeerRanking ranking() {
    return ranking;
  }

  /** The relay; empty for a primary without a peer key, which serves alone. */
  public Optional<Relay> relay() {
    return relay;
  }

  /** The transport; empty for a primary without a peer key. */
  Optional<HttpPeerGateway> gateway() {
    return gateway;
  }

  static ThreadFactory daemonThreads(String prefix) {
    ThreadFactory threads = Executors.defaultThreadFactory();
    AtomicInteger count = new AtomicInteger();
    return task -> {
      Thread thread = threads.newThread(task);
      thread.setName(prefix + count.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    relayThreads.ifPresent(ExecutorService::shutdownNow);
    gateway.ifPresent(HttpPeerGateway::close);
  }
}
