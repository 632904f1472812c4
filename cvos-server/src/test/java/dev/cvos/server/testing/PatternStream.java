package dev.cvos.server.testing;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A deterministic stream of {@code size} pseudo-random bytes that never exists in memory at once,
 * for uploads larger than the heap; optionally slowed to a rate, for uploads that must still be
 * running when something happens.
 */
public final class PatternStream extends InputStream {
  private final long size;
  private final long bytesPerSecond;
  private final long startNanos = System.nanoTime();
  private long position;
  private long state;

  public PatternStream(long size, long seed) {
    this(size, seed, 0);
  }

  /** A stream that delivers at most {@code bytesPerSecond} (0: as fast as read). */
  public PatternStream(long size, long seed, long bytesPerSecond) {
    this.size = size;
    this.state = seed * 0x9E3779B97F4A7C15L + 1;
    this.bytesPerSecond = bytesPerSecond;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (position >= size) {
      return -1;
    }
    throttle();
    int n = (int) Math.min(length, Math.min(size - position, 64 * 1024));
    for (int i = 0; i < n; i++) {
      if (((position + i) & 7) == 0) {
        state ^= state << 13;
        state ^= state >>> 7;
        state ^= state << 17;
      }
      buffer[offset + i] = (byte) (state >>> (((position + i) & 7) * 8));
    }
    position += n;
    return n;
  }

  private void throttle() throws IOException {
    if (bytesPerSecond <= 0) {
      return;
    }
    long due = startNanos + position * 1_000_000_000L / bytesPerSecond;
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
  }

  /** The SHA-256 (hex) of the first {@code size} bytes of the pattern with this seed. */
  public static String sha256(long size, long seed) throws IOException {
    try (InputStream in = new PatternStream(size, seed)) {
      return sha256(in);
    }
  }

  /** Reads a stream to its end and returns its SHA-256 (hex) and length. */
  public static String sha256(InputStream in) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    byte[] buffer = new byte[256 * 1024];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      digest.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
