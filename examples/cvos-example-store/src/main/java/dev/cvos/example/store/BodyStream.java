package dev.cvos.example.store;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/**
 * {@code length} bytes of an open object file from its current position; closing it closes the
 * file. The file stays open while it is read, so replacing or deleting the object's name meanwhile
 * does not change what this stream returns.
 */
final class BodyStream extends InputStream {
  private final FileChannel channel;
  private long remaining;

  BodyStream(FileChannel channel, long length) {
    this.channel = channel;
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, buffer.length);
    if (remaining <= 0) {
      return -1;
    }
    if (length == 0) {
      return 0;
    }
    int n = channel.read(ByteBuffer.wrap(buffer, offset, (int) Math.min(length, remaining)));
    if (n < 0) {
      throw new EOFException("object file ended " + remaining + " bytes early");
    }
    remaining -= n;
    return n;
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
