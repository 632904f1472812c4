package dev.cvos.storage.spi.tck;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The size and SHA-256 of a stream, computed while reading it in small pieces.
 *
 * @param size how many bytes the stream held
 * @param sha256 their SHA-256, 64 lower-case hex digits
 */
public record StreamDigest(long size, String sha256) {
  public StreamDigest {
    Objects.requireNonNull(sha256, "sha256");
  }

  /** Reads {@code in} to its end (without closing it) and digests what it read. */
  public static StreamDigest of(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    byte[] buffer = new byte[64 * 1024];
    long size = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      digest.update(buffer, 0, n);
      size += n;
    }
    return new StreamDigest(size, HexFormat.of().formatHex(digest.digest()));
  }

  /** The digest of a byte array. */
  public static StreamDigest of(byte[] bytes) {
    return new StreamDigest(bytes.length, HexFormat.of().formatHex(newDigest().digest(bytes)));
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
