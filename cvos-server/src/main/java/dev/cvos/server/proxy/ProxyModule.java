package dev.cvos.server.proxy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.peer.ForwardSettings;
import dev.cvos.peer.PeerForwarder;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.config.ProxyConfig;
import dev.cvos.server.peer.ClusterPeers;
import dev.cvos.server.peer.PeerDirectory;

/**
 * Forwarding client requests to storing servers: the HTTPS forwarding client (the peers'
 * connection settings, mutual TLS with the certificates registered in the registry), over the peers'
 * view and ranking, the choice of target (round robin for a simple secondary, POST placement for
 * a balancing server), and the filter that forwards. Installed on every role; what it forwards
 * depends on the role and {@code balance.posts}.
 */
public final class ProxyModule extends AbstractModule {
  private final ProxyConfig config;

  public ProxyModule(ProxyConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(ProxyConfig.class).toInstance(config);
    bind(ForwardingFilter.class).in(Singleton.class);
  }

  /** The peers' ranking, shared with the relay: a server that fails one fails both. */
  @Provides
  @Singleton
  PeerRanking peerRanking(ClusterPeers peers) {
    return peers.ranking();
  }

  /** The forwarding client: mutual TLS with the peers' trust, the same the relay uses (reloaded in place). */
  @Provides
  @Singleton
  PeerForwarder peerForwarder(ProxyConfig proxy, PeerConfig peer, PeerDirectory directory)
      throws PeerTransportException {
    return PeerForwarder.start(new ForwardSettings(peer.connectTimeout(), proxy.acceptTimeout(),
        peer.bodyIdleTimeout(), peer.maxConnections()), directory.trust());
  }

  @Provides
  @Singleton
  ForwardTargets forwardTargets(PeerRanking ranking) {
    return new ForwardTargets(ranking);
  }

  @Provides
  @Singleton
  PostPlacement postPlacement(PeerRanking ranking) {
    return new PostPlacement(ranking);
  }

  @Provides
  @Singleton
  ObjectForwarding objectForwarding(ForwardTargets targets, PeerForwarder forwarder, PeerRanking ranking) {
    return new ObjectForwarding(targets, forwarder, ranking);
  }
}
