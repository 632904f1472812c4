package dev.cvos.server.proxy;

import dev.cvos.domain.relay.PeerRanking;
import dev.cvos.domain.relay.PeerState;
import dev.cvos.domain.relay.RankedPeer;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.UnsupportedStoreOperationException;
import dev.cvos.storage.spi.WriteRequest;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The "store" of a simple secondary, which stores nothing: the configured store is never opened
 * (no directory made, no share mounted). Every object request is forwarded before it could reach
 * a store ({@link ForwardingFilter}), so the object operations here refuse, loudly, should a
 * request ever get this far. Its health is what a proxy's storage is: the storing servers it
 * forwards to, healthy when at least one of them is (registered, heartbeating, and not failing
 * forwards).
 */
public final class ProxyModeStore implements ObjectStore {
  private static final String REFUSAL = "a simple secondary stores nothing: object requests are forwarded to a storing server";

  private final PeerRanking ranking;

  public ProxyModeStore(PeerRanking ranking) {
    this.ranking = Objects.requireNonNull(ranking, "ranking");
  }

  @Override
  public ObjectMetadata put(WriteRequest request, InputStream body) throws UnsupportedStoreOperationException {
    throw new UnsupportedStoreOperationException(REFUSAL);
  }

  @Override
  public StoredObject get(String bucket, String key, ByteRange range) throws UnsupportedStoreOperationException {
    throw new UnsupportedStoreOperationException(REFUSAL);
  }

  @Override
  public Optional<ObjectMetadata> stat(String bucket, String key) throws UnsupportedStoreOperationException {
    throw new UnsupportedStoreOperationException(REFUSAL);
  }

  @Override
  public boolean delete(String bucket, String key) throws UnsupportedStoreOperationException {
    throw new UnsupportedStoreOperationException(REFUSAL);
  }

  @Override
  public ObjectListing list(String bucket, ListRequest request) throws UnsupportedStoreOperationException {
    throw new UnsupportedStoreOperationException(REFUSAL);
  }

  /** No bucket is kept here. */
  @Override
  public List<String> buckets() {
    return List.of();
  }

  /** Nothing is kept here, so nothing expires here. */
  @Override
  public int purgeExpired(Instant now) {
    return 0;
  }

  @Override
  public long usableSpace() {
    return 0;
  }

  @Override
  public StoreHealth health() {
    List<RankedPeer> storing = ranking.order();
    long healthy = storing.stream().filter(peer -> peer.state() == PeerState.HEALTHY).count();
    String detail = "proxy mode, nothing stored here; " + healthy + " of " + storing.size()
        + " storing servers healthy";
    return healthy > 0 ? StoreHealth.healthy(detail) : StoreHealth.unhealthy(detail);
  }

  @Override
  public void close() {
    // Nothing was opened.
  }
}
