package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ResolvedRange;
import dev.cvos.storage.spi.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written stand-in for the network, so that timing and cancellation are deterministic. Each
 * peer gets a {@link Behaviour}; every call is recorded in order, and so is every interrupt a call
 * saw and every body that was closed.
 */
final class FakeGateway implements PeerGateway {
  /** What a peer does when asked. */
  enum Behaviour {
    HAS_IT,
    HAS_IT_AFTER_DELAY,
    NOT_FOUND,
    NOT_FOUND_AFTER_DELAY,
    TIMES_OUT,
    REFUSES,
    /** Blocks until released, even when interrupted: a peer (or transport) ignoring its deadline. */
    HANGS,
    /** Blocks until interrupted, then reports the cancellation. */
    SLOW_BUT_CANCELLABLE,
    RANGE_NOT_SATISFIABLE,
    /** Has it, answering only once three peers with this behaviour are all answering. */
    HAS_IT_TOGETHER
  }

  static final Duration DELAY = Duration.ofMillis(150);

  private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> interrupted = new CopyOnWriteArrayList<>();
  final Map<String, TrackedStream> bodies = new ConcurrentHashMap<>();
  final Map<String, ObjectListing> pages = new ConcurrentHashMap<>();
  final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch together = new CountDownLatch(3);

  FakeGateway with(String peerId, Behaviour behaviour) {
    behaviours.put(peerId, behaviour);
    return this;
  }

  @Override
  public PeerAnswer<StoredObject> get(
      ServerRecord peer, String bucket, String key, ByteRange range, Deadline deadline) {
    return answer(peer, deadline, () -> {
      byte[] bytes = ("object from " + peer.id()).getBytes(StandardCharsets.UTF_8);
      TrackedStream body = new TrackedStream(bytes);
      bodies.put(peer.id(), body);
      return new StoredObject(metadata(bucket, key, bytes.length), new ResolvedRange(0, bytes.length), body);
    });
  }

  @Override
  public PeerAnswer<ObjectMetadata> stat(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return answer(peer, deadline, () -> metadata(bucket, key, 7));
  }

  @Override
  public PeerAnswer<Deleted> delete(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return answer(peer, deadline, Deleted::new);
  }

  @Override
  public PeerAnswer<ObjectListing> list(
      ServerRecord peer, String bucket, ListRequest request, Deadline deadline) {
    return answer(peer, deadline, () -> pages.getOrDefault(peer.id(), new ObjectListing(List.of(), null)));
  }

  private interface Value<T> {
    T make();
  }

  private <T> PeerAnswer<T> answer(ServerRecord peer, Deadline deadline, Value<T> value) {
    calls.add(peer.id());
    Behaviour behaviour = behaviours.getOrDefault(peer.id(), Behaviour.NOT_FOUND);
    try {
      switch (behaviour) {
        case HAS_IT:
          return new PeerAnswer.Found<>(value.make(), peer.id());
        case HAS_IT_AFTER_DELAY:
          Thread.sleep(DELAY.toMillis());
          return new PeerAnswer.Found<>(value.make(), peer.id());
        case NOT_FOUND:
          return new PeerAnswer.NotFound<>();
        case NOT_FOUND_AFTER_DELAY:
          Thread.sleep(DELAY.toMillis());
          return new PeerAnswer.NotFound<>();
        case TIMES_OUT:
          Thread.sleep(deadline.remaining().toMillis());
          return new PeerAnswer.Unavailable<>(PeerAnswer.Cause.TIMEOUT, peer.id() + " timed out");
        case REFUSES:
          return new PeerAnswer.Unavailable<>(PeerAnswer.Cause.CONNECTION, peer.id() + " refused");
        case HAS_IT_TOGETHER:
          together.countDown();
          awaitIgnoringInterrupts(together, peer);
          return new PeerAnswer.Found<>(value.make(), peer.id());
        case RANGE_NOT_SATISFIABLE:
          return new PeerAnswer.RangeNotSatisfiable<>(42);
        case SLOW_BUT_CANCELLABLE:
          Thread.sleep(TimeUnit.MINUTES.toMillis(5));
          return new PeerAnswer.Found<>(value.make(), peer.id());
        case HANGS:
          awaitIgnoringInterrupts(release, peer);
          return new PeerAnswer.Unavailable<>(PeerAnswer.Cause.TIMEOUT, peer.id() + " released");
        default:
          throw new IllegalStateException("unknown behaviour " + behaviour);
      }
    } catch (InterruptedException e) {
      interrupted.add(peer.id());
      Thread.currentThread().interrupt();
      return new PeerAnswer.Unavailable<>(PeerAnswer.Cause.CANCELLED, peer.id() + " cancelled");
    }
  }

  private void awaitIgnoringInterrupts(CountDownLatch latch, ServerRecord peer) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        interrupted.add(peer.id());
      }
    }
  }

  static ObjectMetadata metadata(String bucket, String key, long size) {
    return new ObjectMetadata(bucket, key, size, "0".repeat(64), "text/plain", Instant.EPOCH, null);
  }

  /** A body that remembers whether it was closed. */
  static final class TrackedStream extends ByteArrayInputStream {
    volatile boolean closed;

    TrackedStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public void close() throws IOException {
      closed = true;
      super.close();
    }
  }
}
