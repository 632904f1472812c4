package dev.cvos.storage.spi.tck;

import java.io.IOException;
import java.io.InputStream;

/**
 * A deterministic stream of pseudo-random bytes that is never held in memory: byte {@code p} of
 * the body for a seed is a function of the seed and {@code p} alone, so any slice of a body can be
 * generated again to check a range read. Bodies of different seeds differ in every 8-byte block.
 *
 * <p>The stream can be told to fail after some bytes, to model a client that disconnects.
 */
public final class GeneratedBody extends InputStream {
  private final long seed;
  private final long end;
  private final long failAt;
  private long position;

  private GeneratedBody(long seed, long start, long length, long failAt) {
    if (start < 0 || length < 0) {
      throw new IllegalArgumentException("start and length must not be negative");
    }
    this.seed = seed;
    this.position = start;
    this.end = start + length;
    this.failAt = failAt;
  }

  /** The whole body of {@code size} bytes for {@code seed}. */
  public static GeneratedBody of(long size, long seed) {
    return new GeneratedBody(seed, 0, size, Long.MAX_VALUE);
  }

  /** The bytes {@code offset} to {@code offset + length - 1} of the body for {@code seed}. */
  public static GeneratedBody slice(long seed, long offset, long length) {
    return new GeneratedBody(seed, offset, length, Long.MAX_VALUE);
  }

  /** A body of {@code size} bytes that throws an {@link IOException} once it reached {@code failAt}. */
  public static GeneratedBody failingAt(long size, long seed, long failAt) {
    return new GeneratedBody(seed, 0, size, failAt);
  }

  /** The SHA-256 and size of the body of {@code size} bytes for {@code seed}. */
  public static StreamDigest digest(long size, long seed) throws IOException {
    try (InputStream in = of(size, seed)) {
      return StreamDigest.of(in);
    }
  }

  /** Byte {@code p} of the body for {@code seed}. */
  public static int byteAt(long seed, long p) {
    return (int) (mix(seed, p >>> 3) >>> ((p & 7) * 8)) & 0xff;
  }

  private static long mix(long seed, long block) {
    long z = seed * 0x9E3779B97F4A7C15L + block * 0xBF58476D1CE4E5B9L + 0x94D049BB133111EBL;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  @Override
  public int read() throws IOException {
    if (position >= end) {
      return -1;
    }
    failIfDue();
    return byteAt(seed, position++);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
    if (length == 0) {
      return 0;
    }
    if (position >= end) {
      return -1;
    }
    failIfDue();
    int n = (int) Math.min(length, Math.min(end, failAt) - position);
    int i = 0;
    while (i < n) {
      long block = mix(seed, position >>> 3);
      int shift = (int) (position & 7);
      int take = Math.min(8 - shift, n - i);
      for (int b = 0; b < take; b++) {
        buffer[offset + i + b] = (byte) (block >>> ((shift + b) * 8));
      }
      i += take;
      position += take;
    }
    return n;
  }

  private void failIfDue() throws IOException {
    if (position >= failAt) {
      throw new IOException("generated body fails at byte " + failAt + ", as the test asked");
    }
  }

  @Override
  public int available() {
    return (int) Math.min(Integer.MAX_VALUE, end - position);
  }
}
