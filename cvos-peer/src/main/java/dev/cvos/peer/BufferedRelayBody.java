package dev.cvos.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.jetty.io.Content;

/**
 * A relayed GET's body that never lets a slow reader hold the peer connection: the bytes the peer
 * sends are taken into a bounded buffer ({@link #LIMIT}) as fast as the peer sends them. A body that
 * fits the buffer frees its connection as soon as it arrived, whatever the reader's speed. When the
 * buffer stays full for {@link #DETACH_AFTER} (the reader is slower than the peer), the exchange
 * is aborted, which gives the connection back, and the rest of the body is asked for later, piece
 * by piece ({@code Range} requests of at most {@link #LIMIT} bytes, each read whole at once), as
 * the reader needs it. A piece whose {@code ETag} is not the object's fails the read: the object
 * was replaced while it was relayed (issue 15, item 6; docs/architecture.md#requests-in-flight).
 *
 * <p>Memory per body: at most {@link #LIMIT} plus one chunk. The listener side ({@link #arrived},
 * {@link #ended}) runs on the client's threads, the reader side on the caller's; a lock guards the
 * state they share.
 */
final class BufferedRelayBody extends InputStream {
  /** Bytes buffered per body, and the size of the pieces asked for after detaching. */
  static final int LIMIT = 512 * 1024;
  /** How long the buffer may stay full before the exchange is given up. */
  static final Duration DETACH_AFTER = Duration.ofMillis(250);

  /** Asks the peer for bytes {@code first..last} of the object (absolute offsets). */
  @FunctionalInterface
  interface Pieces {
    byte[] fetch(long first, long last) throws IOException;
  }

  /** What the body needs of its exchange. */
  interface Exchange {
    /** Aborts the exchange (its connection is closed and leaves the pool). */
    void abort(Throwable why);

    /** Runs {@code task} after {@code delay} on the client's scheduler. */
    void schedule(Runnable task, Duration delay);
  }

  private final long start;
  private final long length;
  private final Pieces pieces;
  private final Exchange exchange;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
  private long buffered;
  private long received;
  private boolean attached = true;
  private boolean closed;
  private Throwable failure;
  private Content.Chunk heldChunk;
  private Runnable heldDemand;
  private long fullSince;

  BufferedRelayBody(long start, long length, Pieces pieces, Exchange exchange) {
    this.start = start;
    this.length = length;
    this.pieces = pieces;
    this.exchange = exchange;
  }

  /** A chunk of the exchange's body arrived: it is copied, and more is asked for while there is room. */
  void arrived(Content.Chunk chunk, Runnable demander) {
    ByteBuffer bytes = chunk.getByteBuffer();
    ByteBuffer copy = ByteBuffer.allocate(bytes.remaining());
    copy.put(bytes.slice()).flip();
    boolean demand;
    boolean held = false;
    lock.lock();
    try {
      if (!attached || closed) {
        demand = false;
      } else {
        if (copy.hasRemaining()) {
          buffer.add(copy);
          buffered += copy.remaining();
          received += copy.remaining();
          changed.signalAll();
        }
        demand = buffered < LIMIT || received >= length;
        if (!demand) {
          heldChunk = chunk;
          heldDemand = demander;
          fullSince = System.nanoTime();
          held = true;
        }
      }
    } finally {
      lock.unlock();
    }
    if (demand) {
      demander.run();
    } else if (held) {
      exchange.schedule(this::detachIfStillFull, DETACH_AFTER);
    } else {
      chunk.release();
    }
  }

  /** The exchange ended: with a failure, or with the whole body ({@code failure} null). */
  void ended(Throwable failed) {
    lock.lock();
    try {
      if (!attached) {
        return;
      }
      if (failed != null) {
        failure = failed;
      } else if (received < length) {
        failure = new IOException("the peer's body ended after " + received + " of " + length + " bytes");
      }
      attached = false;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void detachIfStillFull() {
    Content.Chunk chunk;
    lock.lock();
    try {
      if (!attached || heldDemand == null || System.nanoTime() - fullSince < DETACH_AFTER.toNanos() / 2) {
        return;
      }
      chunk = heldChunk;
      heldChunk = null;
      heldDemand = null;
      attached = false;
    } finally {
      lock.unlock();
    }
    chunk.release();
    exchange.abort(new DetachedException());
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    Runnable demand = null;
    int copied;
    lock.lock();
    try {
      while (buffered == 0) {
        if (closed) {
          throw new IOException("the relayed body is closed");
        }
        if (received >= length) {
          return -1;
        }
        if (failure != null) {
          throw new IOException("the relayed body failed: " + failure.getMessage(), failure);
        }
        if (!attached) {
          fetchNextPiece();
          continue;
        }
        try {
          changed.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting for the relayed body");
        }
      }
      copied = 0;
      while (copied < count && !buffer.isEmpty()) {
        ByteBuffer head = buffer.peek();
        int n = Math.min(count - copied, head.remaining());
        head.get(target, offset + copied, n);
        copied += n;
        if (!head.hasRemaining()) {
          buffer.poll();
        }
      }
      buffered -= copied;
      if (heldDemand != null && attached && buffered < LIMIT / 2) {
        demand = heldDemand;
        heldDemand = null;
        heldChunk = null;
      }
    } finally {
      lock.unlock();
    }
    if (demand != null) {
      demand.run();
    }
    return copied;
  }

  /** Asks the peer for the next piece; called with the lock held, which it releases meanwhile. */
  private void fetchNextPiece() throws IOException {
    long first = start + received;
    long last = first + Math.min(LIMIT, length - received) - 1;
    lock.unlock();
    byte[] piece;
    try {
      piece = pieces.fetch(first, last);
    } finally {
      lock.lock();
    }
    if (piece.length != last - first + 1) {
      throw new IOException("the peer sent " + piece.length + " bytes for bytes " + first + "-" + last);
    }
    buffer.add(ByteBuffer.wrap(piece));
    buffered += piece.length;
    received += piece.length;
  }

  @Override
  public void close() {
    Content.Chunk chunk;
    boolean abort;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      abort = attached && received < length;
      attached = false;
      chunk = heldChunk;
      heldChunk = null;
      heldDemand = null;
      buffer.clear();
      buffered = 0;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (chunk != null) {
      chunk.release();
    }
    if (abort) {
      exchange.abort(new java.util.concurrent.CancellationException("the relayed body was closed before its end"));
    }
  }

  /** Why an exchange whose reader was too slow was given up: not a failure of the peer. */
  static final class DetachedException extends Exception {
    private static final long serialVersionUID = 1L;

    DetachedException() {
      super("the reader is slower than the peer: the rest of the body is asked for piece by piece", null, false,
          false);
    }
  }
}
