package dev.cvos.server.http;

import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

/**
 * What is left of a refused upload's body. A server that answers and closes while request bytes
 * are still unread makes the kernel reset the connection, and the client may lose the answer (it
 * sees "connection reset" instead of 413 or 507); so a write refused after its body started is
 * drained first, but only while that is cheap: at most {@link #MAX_DRAIN} bytes within {@link
 * #DRAIN_TIME}. A body that is longer or trickles is left unread and the connection closed, so a
 * slow client never holds a request thread for long. A client that sent {@code Expect:
 * 100-continue} and was refused before the body was read has not sent it, so nothing is read then.
 *
 * <p>A request refused before its body was touched (no or a wrong key: {@link ApiKeyFilter}) is
 * not drained at all: it is answered at once with {@code Connection: close} ({@link #CLOSE}), since
 * an unauthenticated client must not be able to make the server wait for its bytes.
 */
public final class RefusedBodies {
  /** The most bytes read from a refused body. */
  static final long MAX_DRAIN = 16L << 20;
  /** The longest a refused body is read. */
  static final Duration DRAIN_TIME = Duration.ofSeconds(2);
  /** The header that closes the connection after a refusal whose body was not read. */
  static final String CLOSE = "close";

  private RefusedBodies() {}

  private static boolean expectsContinue(String expect) {
    return expect != null && expect.trim().equalsIgnoreCase("100-continue");
  }

  private static void drain(InputStream body, Throwable failure) {
    byte[] buffer = new byte[64 * 1024];
    long left = MAX_DRAIN;
    long deadline = System.nanoTime() + DRAIN_TIME.toNanos();
    try {
      int n;
      while (left > 0 && System.nanoTime() - deadline < 0
          && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
        left -= n;
      }
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }

  /** Wraps a request body so that a refusal knows whether reading it had started. */
  public static Tracked track(InputStream body) {
    return new Tracked(body);
  }

  /** A request body that remembers whether any of it was read. */
  public static final class Tracked extends FilterInputStream {
    private boolean started;

    private Tracked(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      started = true;
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      started = true;
      return super.read(buffer, offset, length);
    }

    /** Discards (boundedly) the rest of the body unless the client is still waiting for 100 Continue. */
    public void drainAfterRefusal(HttpHeaders headers, Throwable failure) {
      if (!started && expectsContinue(headers.getHeaderString("Expect"))) {
        return;
      }
      drain(in, failure);
    }
  }
}
