package dev.cvos.peer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The body of a relayed GET as the caller reads it. {@link #transferTo} hands the caller's output
 * 64 KiB at a time instead of {@link InputStream}'s 8 KiB: a relayed body arrives in TLS records of
 * up to 16 KiB, and the server writes every piece it is given to the client's socket at once, so
 * bigger pieces mean fewer writes and fewer blocking completions per object.
 */
final class RelayedBody extends FilterInputStream {
  static final int TRANSFER_BUFFER = 64 * 1024;

  RelayedBody(InputStream in) {
    super(in);
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return in.read(buffer, offset, length);
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    byte[] buffer = new byte[TRANSFER_BUFFER];
    long total = 0;
    boolean end = false;
    while (!end) {
      int filled = 0;
      while (filled < buffer.length) {
        int n = in.read(buffer, filled, buffer.length - filled);
        if (n < 0) {
          end = true;
          break;
        }
        filled += n;
      }
      if (filled > 0) {
        out.write(buffer, 0, filled);
        total += filled;
      }
    }
    return total;
  }
}
