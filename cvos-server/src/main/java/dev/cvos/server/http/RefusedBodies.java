package dev.cvos.server.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what is left of a refused upload's body, up to a bound, before the error is
 * answered. A server that answers and closes while request bytes are still unread makes the kernel
 * reset the connection, and the client loses the answer (it sees "connection reset" instead of 413
 * or 507). A client that sent {@code Expect: 100-continue} and was refused before the body was
 * read has not sent it, so nothing is read then; a body longer than the bound is left unread and
 * the connection is closed.
 */
public final class RefusedBodies {
  /** The most bytes read from a refused body. */
  static final long MAX_DRAIN = 16L << 20;

  private RefusedBodies() {}

  /**
   * Discards the unread body of a request refused before its body was touched (by a request
   * filter), unless the client is waiting for 100 Continue and so has not sent it.
   */
  static void drainBeforeRefusal(ContainerRequestContext request, Throwable failure) {
    if (!request.hasEntity() || expectsContinue(request.getHeaderString("Expect"))) {
      return;
    }
    drain(request.getEntityStream(), failure);
  }

  private static boolean expectsContinue(String expect) {
    return expect != null && expect.trim().equalsIgnoreCase("100-continue");
  }

  private static void drain(InputStream body, Throwable failure) {
    byte[] buffer = new byte[64 * 1024];
    long left = MAX_DRAIN;
    try {
      int n;
      while (left > 0 && (n = body.read(buffer, 0, (int) Math.min(buffer.length, left))) >= 0) {
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

    /** Discards the rest of the body unless the client is still waiting for 100 Continue. */
    public void drainAfterRefusal(HttpHeaders headers, Throwable failure) {
      if (!started && expectsContinue(headers.getHeaderString("Expect"))) {
        return;
      }
      drain(in, failure);
    }
  }
}
