package dev.cvos.server.proxy;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.domain.relay.RankingPolicy;
import dev.cvos.peer.ForwardSettings;
import dev.cvos.peer.PeerForwarder;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.peer.PeerTrust;
import dev.cvos.server.config.ProxyConfig;
import dev.cvos.server.config.ServerConfig;
import java.time.Clock;

/**
 * Forwarding client requests to storing servers: the cluster view and its ranking, the HTTPS
 * forwarding client, the choice of target (round robin for a simple secondary, POST placement for
 * a balancing server), and the filter that forwards. Installed on every role; what it forwards
 * depends on the role and {@code balance.posts}.
 */
public final class ProxyModule extends AbstractModule {
  /** How many registry re-reads a server may miss before it counts as offline. */
  private static final int OFFLINE_AFTER_REFRESHES = 3;

  private final ProxyConfig config;

  public ProxyModule(ProxyConfig config) {
    this.config = config;
  }

  @Override
  protected void configure() {
    bind(ProxyConfig.class).toInstance(config);
    bind(ForwardingFilter.class).in(Singleton.class);
    bind(ForwardingLifecycle.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  PeerView peerView(ServerConfig server, ServerRegistry registry) {
    return new PeerView(server.id(), registry);
  }

  @Provides
  @Singleton
  PeerRanking peerRanking(PeerView view, Clock clock, ProxyConfig proxy) {
    return new PeerRanking(view, clock,
        new RankingPolicy(proxy.cooldown(), proxy.registryRefresh(), OFFLINE_AFTER_REFRESHES));
  }

  @Provides
  @Singleton
  PeerForwarder peerForwarder(ProxyConfig proxy) throws PeerTransportException {
    PeerTrust trust = proxy.truststore()
        .map(file -> PeerTrust.pkcs12(file, proxy.truststorePassword()))
        .orElseGet(PeerTrust::jdkDefault);
    return PeerForwarder.start(new ForwardSettings(proxy.connectTimeout(), proxy.acceptTimeout(),
        proxy.bodyIdleTimeout(), proxy.maxConnections()), trust);
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
