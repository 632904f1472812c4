package dev.cvos.server.proxy;

import com.google.inject.Inject;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.peer.PeerForwarder;
import dev.cvos.peer.RegistryRefresher;
import dev.cvos.server.config.ProxyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts and stops what forwarding runs: the first read of the cluster view (after this server
 * registered), the registry refresh thread, and the forwarding client's connections.
 */
public final class ForwardingLifecycle implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardingLifecycle.class);

  private final PeerView view;
  private final PeerForwarder forwarder;
  private final RegistryRefresher refresher;

  @Inject
  public ForwardingLifecycle(PeerView view, PeerForwarder forwarder, ProxyConfig config) {
    this.view = view;
    this.forwarder = forwarder;
    this.refresher = new RegistryRefresher(view, config.registryRefresh());
  }

  /** Reads the cluster view once, then every refresh interval. */
  public void start() {
    try {
      view.refresh();
    } catch (RuntimeException e) {
      LOG.warn("reading the server registry failed; retrying on the refresh interval: {}", e.toString());
    }
    refresher.start();
    LOG.info("forwarding knows {} storing servers", view.storingPeers().size());
  }

  @Override
  public void close() {
    refresher.close();
    forwarder.close();
  }
}
