package dev.cvos.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The bodies the test peer serves: a small text and a large generated pattern. */
final class TestObjects {
  static final byte[] SMALL = "hello, relayed world".getBytes(StandardCharsets.UTF_8);
  static final String SMALL_SHA256 = sha256(SMALL);
  static final int BLOCK = 64 * 1024;

  private TestObjects() {}

  /** Writes {@code length} bytes of the large pattern from {@code offset}. */
  static void writePattern(OutputStream out, long offset, long length) throws IOException {
    byte[] block = new byte[BLOCK];
    long position = offset;
    long end = offset + length;
    while (position < end) {
      long blockIndex = position / BLOCK;
      fill(block, blockIndex);
      int from = (int) (position % BLOCK);
      int count = (int) Math.min(BLOCK - from, end - position);
      out.write(block, from, count);
      position += count;
    }
  }

  private static void fill(byte[] block, long blockIndex) {
    for (int i = 0; i < block.length; i++) {
      block[i] = (byte) (blockIndex * 131 + i * 7 + (i >> 9));
    }
  }

  /** The SHA-256 of the first {@code length} bytes of the large pattern. */
  static String patternSha256(long length) throws IOException {
    MessageDigest digest = newDigest();
    writePattern(new OutputStream() {
      @Override
      public void write(int b) {
        digest.update((byte) b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        digest.update(b, off, len);
      }
    }, 0, length);
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Reads a stream to its end and returns the SHA-256 of what it read and how many bytes. */
  static String sha256(InputStream in, long[] count) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[BLOCK];
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
      count[0] += n;
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static String sha256(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
