package dev.cvos.server.peer;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.Deadline;
import dev.cvos.domain.relay.Deleted;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.domain.relay.PeerGateway;
import dev.cvos.peer.HttpPeerGateway;
import dev.cvos.peer.PeerClientSettings;
import dev.cvos.peer.PeerTransportException;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer transport, trusting exactly the certificates published in the registry (plus the
 * configured truststore). When the published set changes (a server joined or renewed its
 * certificate), a new {@link HttpPeerGateway} is started over the new set and takes the next calls;
 * the previous one keeps serving the bodies it is streaming and is stopped when this closes.
 */
final class TrustedPeerGateway implements PeerGateway, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrustedPeerGateway.class);

  private record Current(Map<String, String> pems, HttpPeerGateway gateway) {}

  private final PeerConfig config;
  private final String peerKey;
  private final Path truststoreFile;
  private final String truststorePassword;
  private final List<HttpPeerGateway> retired = new ArrayList<>();
  private volatile Current current;

  TrustedPeerGateway(PeerConfig config, String peerKey, Path truststoreFile) {
    this.config = config;
    this.peerKey = peerKey;
    this.truststoreFile = truststoreFile;
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.truststorePassword = HexFormat.of().formatHex(random);
  }

  /**
   * Trusts exactly {@code publishedPems} (by server id) from now on; does nothing when the set is
   * unchanged.
   */
  synchronized void trust(Map<String, String> publishedPems) throws IOException, GeneralSecurityException,
      PeerTransportException {
    Current was = current;
    if (was != null && was.pems().equals(publishedPems)) {
      return;
    }
    int size = PeerTruststore.write(truststoreFile, truststorePassword, publishedPems, config.truststore(),
        config.truststorePassword());
    if (size == 0) {
      return;
    }
    HttpPeerGateway gateway = HttpPeerGateway.start(new PeerClientSettings(truststoreFile, truststorePassword,
        peerKey, config.connectTimeout(), config.bodyIdleTimeout(), config.maxConnections()));
    current = new Current(Map.copyOf(publishedPems), gateway);
    if (was != null) {
      retired.add(was.gateway());
    }
    LOG.info("peers are trusted by {} certificates: published by {}{}", size, publishedPems.keySet(),
        config.truststore().map(p -> " and from " + p).orElse(""));
  }

  private Optional<HttpPeerGateway> gateway() {
    Current c = current;
    return c == null ? Optional.empty() : Optional.of(c.gateway());
  }

  private static <T> PeerAnswer<T> untrusted(ServerRecord peer) {
    return new PeerAnswer.Unavailable<>(PeerAnswer.Cause.CONNECTION,
        "no certificate is trusted yet, so " + peer.id() + " is not contacted");
  }

  @Override
  public PeerAnswer<StoredObject> get(ServerRecord peer, String bucket, String key, ByteRange range, Deadline deadline) {
    return gateway().map(g -> g.get(peer, bucket, key, range, deadline)).orElseGet(() -> untrusted(peer));
  }

  @Override
  public CompletableFuture<PeerAnswer<StoredObject>> getAsync(ServerRecord peer, String bucket, String key,
      ByteRange range, Deadline deadline, ExecutorService executor) {
    Optional<HttpPeerGateway> gateway = gateway();
    return gateway.isPresent()
        ? gateway.get().getAsync(peer, bucket, key, range, deadline, executor)
        : CompletableFuture.completedFuture(untrusted(peer));
  }

  @Override
  public PeerAnswer<ObjectMetadata> stat(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return gateway().map(g -> g.stat(peer, bucket, key, deadline)).orElseGet(() -> untrusted(peer));
  }

  @Override
  public PeerAnswer<Deleted> delete(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return gateway().map(g -> g.delete(peer, bucket, key, deadline)).orElseGet(() -> untrusted(peer));
  }

  @Override
  public PeerAnswer<ObjectListing> list(ServerRecord peer, String bucket, ListRequest request, Deadline deadline) {
    return gateway().map(g -> g.list(peer, bucket, request, deadline)).orElseGet(() -> untrusted(peer));
  }

  @Override
  public synchronized void close() {
    gateway().ifPresent(HttpPeerGateway::close);
    retired.forEach(HttpPeerGateway::close);
    retired.clear();
    current = null;
  }
}
