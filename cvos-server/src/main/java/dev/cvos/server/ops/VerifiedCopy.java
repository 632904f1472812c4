package dev.cvos.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Copies exactly {@code size} bytes of an object's body while hashing them, and tells whether
 * they are the object the metadata describes. A source that ends early or fails is padded to the
 * announced size (an archive entry's length is fixed before its body) and reported, never
 * mistaken for the object.
 */
final class VerifiedCopy {
  private static final int BUFFER = 64 * 1024;

  /** What the copy found. {@code problem} is null when the body hashes to the expected SHA-256. */
  record Outcome(String sha256, String problem) {
    boolean verified() {
      return problem == null;
    }
  }

  private VerifiedCopy() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  /**
   * Copies {@code size} bytes from {@code in} to {@code out}. A failure reading {@code in} becomes
   * the outcome's problem; a failure writing {@code out} is thrown.
   */
  static Outcome copy(InputStream in, OutputStream out, long size, String expectedSha256)
      throws IOException {
    MessageDigest digest = sha256();
    byte[] buffer = new byte[BUFFER];
    long copied = 0;
    String problem = null;
    while (copied < size) {
      int n;
      try {
        n = in.read(buffer, 0, (int) Math.min(buffer.length, size - copied));
      } catch (IOException e) {
        problem = "reading failed after " + copied + " bytes: " + e.getMessage();
        break;
      }
      if (n < 0) {
        problem = "the body ended after " + copied + " of " + size + " bytes";
        break;
      }
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
      copied += n;
    }
    if (problem != null) {
      pad(out, size - copied, buffer);
      return new Outcome(null, problem);
    }
    try {
      if (in.read() >= 0) {
        return new Outcome(null, "the body is longer than its " + size + " bytes");
      }
    } catch (IOException e) {
      return new Outcome(null, "reading failed at the end: " + e.getMessage());
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(expectedSha256)) {
      return new Outcome(actual, "checksum mismatch: the body hashes to " + actual + ", the"
          + " metadata says " + expectedSha256);
    }
    return new Outcome(actual, null);
  }

  private static void pad(OutputStream out, long remaining, byte[] buffer) throws IOException {
    java.util.Arrays.fill(buffer, (byte) 0);
    while (remaining > 0) {
      int n = (int) Math.min(buffer.length, remaining);
      out.write(buffer, 0, n);
      remaining -= n;
    }
  }
}
