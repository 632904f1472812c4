package dev.cvos.server.object;

import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * Sends an opened object's bytes as the response body of {@link ObjectReadHandler}: read from the
 * store's channel into a pooled direct buffer and written from there, with no copy through the
 * heap. A body that fits one buffer is written in one asynchronous write that frees the thread; a
 * larger one is streamed buffer by buffer, each write awaited, so memory stays bounded whatever
 * the object's size. The object is closed in every case.
 */
final class FastBodyWriter {
  /** One buffer holds a whole 512 KiB object; 32 kept means at most 16 MiB of retained memory. */
  private static final int BUFFER_BYTES = 512 * 1024;
  private static final int RETAINED_BUFFERS = 32;

  private final BodyBuffers buffers = new BodyBuffers(BUFFER_BYTES, RETAINED_BUFFERS);

  void write(StoredObject object, ReadableByteChannel body, Response response, Callback callback) {
    long length = object.range().length();
    ByteBuffer buffer = buffers.acquire();
    try {
      if (length <= buffer.capacity()) {
        fill(body, buffer, (int) length);
        object.close();
        response.write(true, buffer.flip(), Callback.from(callback, () -> buffers.release(buffer)));
        return;
      }
      try (object) {
        for (long left = length; left > 0; ) {
          int chunk = (int) Math.min(left, buffer.capacity());
          fill(body, buffer.clear(), chunk);
          left -= chunk;
          try (Blocker.Callback written = Blocker.callback()) {
            response.write(left == 0, buffer.flip(), written);
            written.block();
          }
        }
      }
      buffers.release(buffer);
      callback.succeeded();
    } catch (IOException | RuntimeException e) {
      closeQuietly(object, e);
      callback.failed(e);
    }
  }

  private static void fill(ReadableByteChannel body, ByteBuffer buffer, int bytes) throws IOException {
    buffer.limit(bytes);
    while (buffer.hasRemaining()) {
      if (body.read(buffer) < 0) {
        throw new IOException("the object's body ended " + buffer.remaining() + " bytes early");
      }
    }
  }

  private static void closeQuietly(StoredObject object, Exception failure) {
    try {
      object.close();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
