package dev.cvos.server.peer;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.cvos.domain.cluster.CertificateDirectory;
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
import dev.cvos.peer.HttpPeerGateway;
import dev.cvos.peer.PeerClientSettings;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.peer.PeerTrust;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.config.RegistryConfig;
import dev.cvos.server.config.RelayConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.tls.TlsMaterial;
import dev.cvos.storage.spi.ObjectStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The cluster side of a server: the view of the registry and the peers' trust read together
 * ({@link PeerDirectory}), the check of relayed requests' client certificates, the peers'
 * ranking, the peer transport and the relay (with the peer key), the deletions it missed, and the
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

  /** The registry view and the peers' trust, read together; this server presents its HTTPS key to peers. */
  @Provides
  @Singleton
  PeerDirectory peerDirectory(ServerConfig server, ServerRegistry registry, CertificateDirectory certificates,
      TlsMaterial tls, Clock clock) throws PeerTransportException {
    List<X509Certificate> authorities = peer.truststore().isPresent()
        ? PeerTrust.certificates(peer.truststore().get(), peer.truststorePassword()) : List.of();
    return new PeerDirectory(new PeerView(server.id(), registry), certificates, clock,
        refreshNow -> PeerTrust.of(tls.keyStore(), tls.password(), authorities, refreshNow));
  }

  @Provides
  @Singleton
  RelayedRequestCheck relayedRequestCheck(PeerDirectory directory) {
    return new RelayedRequestCheck(directory);
  }

  @Provides
  @Singleton
  ClusterPeers clusterPeers(PeerDirectory directory, RegistryConfig registryConfig, Clock clock)
      throws PeerTransportException {
    PeerView view = directory.view();
    PeerRanking ranking = new PeerRanking(view, clock,
        new RankingPolicy(peer.cooldown(), registryConfig.offlineAfter(), 1));
    Optional<HttpPeerGateway> gateway = Optional.empty();
    if (peer.key().isPresent()) {
      gateway = Optional.of(HttpPeerGateway.start(new PeerClientSettings(peer.key().get(), peer.connectTimeout(),
          peer.bodyIdleTimeout(), peer.maxConnections()), directory.trust()));
    }
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
