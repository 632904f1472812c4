package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The transport to the other servers of the cluster, as the domain sees it.
 *
 * <p>Every call is a relayed request: the peer answers from its own storage only and never relays
 * it further. Every call answers before its {@link Deadline} (the gateway aborts the exchange when
 * it passes) with a {@link PeerAnswer}: {@link PeerAnswer.Found}, {@link PeerAnswer.NotFound}, or
 * {@link PeerAnswer.Unavailable} for a timeout, a connection failure, a 5xx or anything that is
 * not a CVOS answer. A gateway never throws for those; a caller that is interrupted gets {@link
 * PeerAnswer.Cause#CANCELLED} and the interrupt flag stays set.
 *
 * <p>Implementations are thread-safe: the relay calls one gateway from many threads at once.
 */
public interface PeerGateway {

  /**
   * Opens an object on a peer. The deadline covers the answer's head; the body of a {@link
   * PeerAnswer.Found} then streams from the peer (never held whole in memory) and the caller must
   * close the {@link StoredObject}. A range the object does not cover answers {@link
   * PeerAnswer.RangeNotSatisfiable}.
   */
  PeerAnswer<StoredObject> get(
      ServerRecord peer, String bucket, String key, ByteRange range, Deadline deadline);

  /**
   * Starts {@link #get} without holding the caller's thread while the peer answers: the returned
   * stage completes with the same answer (before the deadline, like {@link #get}). Cancelling the
   * stage aborts the call; a body that arrives after that is closed by the gateway.
   *
   * <p>The default runs {@link #get} on a thread of {@code executor} (cancelling interrupts it; an
   * executor that refuses the call answers {@link PeerAnswer.Cause#CANCELLED}). A transport that
   * can wait for an answer without a thread overrides it, and the relay then needs no thread of
   * its own per GET: on a 2-core server the hand-offs between threads cost more than the call.
   */
  default CompletableFuture<PeerAnswer<StoredObject>> getAsync(ServerRecord peer, String bucket, String key,
      ByteRange range, Deadline deadline, ExecutorService executor) {
    return BlockingCalls.start(executor, peer, deadline,
        (server, callDeadline) -> get(server, bucket, key, range, callDeadline), PeerGateway::closeQuietly);
  }

  /** The metadata of an object on a peer. */
  PeerAnswer<ObjectMetadata> stat(ServerRecord peer, String bucket, String key, Deadline deadline);

  /** Deletes a peer's copy of an object: {@link PeerAnswer.Found} when it had one. */
  PeerAnswer<Deleted> delete(ServerRecord peer, String bucket, String key, Deadline deadline);

  /** One page of a peer's own listing of a bucket, for the cluster-wide listing. */
  PeerAnswer<ObjectListing> list(
      ServerRecord peer, String bucket, ListRequest request, Deadline deadline);

  private static void closeQuietly(StoredObject object) {
    try {
      object.close();
    } catch (IOException | RuntimeException e) {
      // Deliberately ignored: a body nobody waits for any more is thrown away; the transport
      // aborts the exchange on its own, and the domain has no logger.
      return;
    }
  }
}
