package dev.cvos.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Fails a request whose body arrives slower than {@code http.min-body-rate} bytes per second,
 * averaged from its first read, so a trickling upload frees its thread long before the idle
 * timeout. Checked whenever the reader waits for more of the body. Jetty's own {@code
 * MinimumDataRateHandler} divides the bytes of every request it served by one request's time, so
 * under other traffic a trickle passes; this one counts each request's own bytes.
 */
final class MinimumBodyRate extends Handler.Wrapper {
  private final long minimumBytesPerSecond;

  MinimumBodyRate(Handler handler, long minimumBytesPerSecond) {
    super(handler);
    this.minimumBytesPerSecond = minimumBytesPerSecond;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    return super.handle(new Measured(request), response, callback);
  }

  private final class Measured extends Request.Wrapper {
    private long firstDemandNanos;
    private long bytes;
    private Content.Chunk failure;

    Measured(Request request) {
      super(request);
    }

    @Override
    public Content.Chunk read() {
      if (failure != null) {
        return failure;
      }
      Content.Chunk chunk = super.read();
      if (chunk != null) {
        bytes += chunk.remaining();
      }
      return chunk;
    }

    @Override
    public void demand(Runnable demandCallback) {
      long now = System.nanoTime();
      if (firstDemandNanos == 0) {
        firstDemandNanos = now;
      } else if (bytes > 0 && failure == null) {
        long elapsed = Math.max(1, now - firstDemandNanos);
        long rate = bytes * TimeUnit.SECONDS.toNanos(1) / elapsed;
        if (rate < minimumBytesPerSecond) {
          failure = Content.Chunk.from(new TimeoutException("the request body arrives at " + rate
              + " bytes/s, below http.min-body-rate (" + minimumBytesPerSecond + ")"));
          demandCallback.run();
          return;
        }
      }
      super.demand(demandCallback);
    }
  }
}
