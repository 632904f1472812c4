package dev.cvos.server.peer;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.domain.catalog.ObjectCatalog;
import dev.cvos.domain.cluster.DeletionLog;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.object.CatalogReconcile;
import dev.cvos.domain.object.Catalogued;
import dev.cvos.domain.object.KeyLocks;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.object.ClusterObjects;
import dev.cvos.domain.object.MissedDeletions;
import dev.cvos.domain.object.ObjectService;
import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.domain.relay.RankingPolicy;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.config.RegistryConfig;
import dev.cvos.server.config.RelayConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.storage.spi.ObjectStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The cluster side of a storing server: the view of the registry and the peers' ranking, the
 * trusted peer transport and the relay (with the peer key), the deletions it missed, and the
 * object use cases over all of it.
 */
public final class PeerModule extends AbstractModule {
  /** How many registry intervals may pass without applying the deletion log before local objects are held back. */
  private static final int STALE_AFTER_INTERVALS = 3;

  private final PeerConfig peer;
  private final RelayConfig relay;

  public PeerModule(PeerConfig peer, RelayConfig relay) {
    this.peer = peer;
    this.relay = relay;
  }

  @Override
  protected void configure() {
    bind(PeerConfig.class).toInstance(peer);
    bind(RelayConfig.class).toInstance(relay);
    bind(ClusterMaintenance.class).in(Singleton.class);
  }

  @Provides
  @Singleton
  ClusterPeers clusterPeers(ServerConfig server, ServerRegistry registry, RegistryConfig registryConfig, Clock clock) {
    PeerView view = new PeerView(server.id(), registry);
    PeerRanking ranking = new PeerRanking(view, clock,
        new RankingPolicy(peer.cooldown(), registryConfig.offlineAfter(), 1));
    Optional<TrustedPeerGateway> gateway = peer.key()
        .map(key -> new TrustedPeerGateway(peer, key, server.dataDir().resolve("tls/peer-truststore.p12")));
    return new ClusterPeers(view, ranking, gateway, relay.policy(), relay.maxThreads());
  }

  @Provides
  @Singleton
  Catalogued catalogued(ObjectCatalog catalog, ServerConfig server) {
    String holder = server.storageMode() == StorageMode.SHARED ? ObjectCatalog.SHARED : server.id();
    return new Catalogued(catalog, holder, new KeyLocks());
  }

  @Provides
  @Singleton
  CatalogReconcile catalogReconcile(ObjectStore store, Catalogued catalogued) {
    return new CatalogReconcile(store, catalogued);
  }

  @Provides
  @Singleton
  MissedDeletions missedDeletions(ObjectStore store, DeletionLog log, ServerConfig server, Clock clock,
      RegistryConfig registry, Catalogued catalogued) {
    return new MissedDeletions(store, log, server.id(), clock,
        registry.deletionCheckInterval().multipliedBy(STALE_AFTER_INTERVALS), Optional.of(catalogued));
  }

  @Provides
  @Singleton
  ClusterObjects clusterObjects(ObjectService local, MissedDeletions missed, ClusterPeers peers, DeletionLog log,
      ServerConfig server, Clock clock, Catalogued catalogued) {
    return new ClusterObjects(local, missed,
        peers.relay().map(r -> new ClusterObjects.Cluster(r, log, server.id(), clock)), Optional.of(catalogued), clock);
  }
}
