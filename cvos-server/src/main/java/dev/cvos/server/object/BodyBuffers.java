package dev.cvos.server.object;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Direct buffers the fast path reads object bodies into and Jetty writes to the socket from, kept
 * for reuse: allocating (and zeroing) a direct buffer per request would cost more than the read.
 * At most {@code retained} buffers are kept; beyond that they are left to the collector.
 */
final class BodyBuffers {
  private final int size;
  private final ArrayBlockingQueue<ByteBuffer> free;

  BodyBuffers(int size, int retained) {
    this.size = size;
    this.free = new ArrayBlockingQueue<>(retained);
  }

  /** The size of every buffer. */
  int size() {
    return size;
  }

  /** A cleared buffer of {@link #size()} bytes. */
  ByteBuffer acquire() {
    ByteBuffer buffer = free.poll();
    return buffer == null ? ByteBuffer.allocateDirect(size) : buffer.clear();
  }

  /** Gives a buffer back; it must not be used after. */
  void release(ByteBuffer buffer) {
    free.offer(buffer);
  }
}
