package dev.cvos.storage.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;

/**
 * Reads {@code length} bytes of an open file from its current position, and closes the file when
 * closed. The file stays open while it is read, so an overwrite or delete of the object (a rename
 * or unlink of its name) does not change what this stream returns.
 *
 * <p>It is also a {@link ReadableByteChannel} over the same bytes, so a server can read them
 * straight into its own (direct) buffers instead of through a {@code byte[]}.
 */
final class RangeInputStream extends InputStream implements ReadableByteChannel {
  private final FileChannel channel;
  private long remaining;

  RangeInputStream(FileChannel channel, long length) {
    this.channel = channel;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
    if (remaining <= 0) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)));
    if (n < 0) {
      throw new java.io.EOFException("object file ended " + remaining + " bytes early");
    }
    remaining -= n;
    return n;
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    if (remaining <= 0) {
      return -1;
    }
    if (!target.hasRemaining()) {
      return 0;
    }
    int n;
    if (target.remaining() > remaining) {
      int limit = target.limit();
      target.limit(target.position() + (int) remaining);
      try {
        n = channel.read(target);
      } finally {
        target.limit(limit);
      }
    } else {
      n = channel.read(target);
    }
    if (n < 0) {
      throw new java.io.EOFException("object file ended " + remaining + " bytes early");
    }
    remaining -= n;
    return n;
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = Math.max(0, Math.min(n, remaining));
    channel.position(channel.position() + skipped);
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, remaining);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
