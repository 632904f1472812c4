package dev.cvos.domain.object;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes a request body through to a store: throws {@link ObjectTooLargeException} as soon as more
 * than the maximum has been read, whatever length the client declared, and wraps a failure to read
 * the body (the client went away) in {@link BodyReadException}, so that it is told apart from a
 * failure of the store.
 */
public final class SizeLimitedInputStream extends FilterInputStream {
  private final long maxBytes;
  private long count;

  public SizeLimitedInputStream(InputStream in, long maxBytes) {
    super(in);
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes is negative: " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() throws IOException {
    int b;
    try {
      b = super.read();
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
    if (b >= 0) {
      counted(1);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n;
    try {
      n = super.read(buffer, offset, length);
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
    if (n > 0) {
      counted(n);
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped;
    try {
      skipped = super.skip(n);
    } catch (IOException e) {
      throw new BodyReadException(e);
    }
    counted(skipped);
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Bytes read so far. */
  public long count() {
    return count;
  }

  private void counted(long n) throws ObjectTooLargeException {
    count += n;
    if (count > maxBytes) {
      throw new ObjectTooLargeException(maxBytes);
    }
  }
}
