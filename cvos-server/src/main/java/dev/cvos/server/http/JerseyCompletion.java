package dev.cvos.server.http;

import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends every request Jersey was given, even the ones Jersey's Jetty container forgets.
 *
 * <p>Jersey's Jetty 12 container ({@code JettyHttpContainer}, jersey-container-jetty-http 4.0.x)
 * completes the Jetty callback in its response writer's {@code commit()} or {@code failure()}. When
 * writing a response fails after it was committed — the client went away while the server was
 * still working on its request, so the body's write meets a closed connection ("Broken pipe") —
 * Jersey logs "An I/O error has occurred while writing a response message entity", closing the
 * response fails too, and it calls {@code failure()}, which for a committed response only rethrows
 * (caught and logged at FINER by Jersey): the callback is never completed. Jetty never completes
 * a handler's callback by itself, so the request stays "in flight" for ever: the graceful stop
 * waits its whole grace period for it, and every such request leaks its count, its channel state
 * and a slot of the in-flight gauge (issue 19; docs/architecture.md#requests-in-flight).
 *
 * <p>Every resource of this server answers synchronously (none suspends with {@code
 * AsyncResponse}), so when the container's {@code handle} returns, Jersey is done with the request:
 * its body was written with blocking writes and its callback must have been completed. If it was
 * not, this handler fails it (once), which aborts what is left of the exchange.
 */
final class JerseyCompletion extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(JerseyCompletion.class);

  JerseyCompletion(Handler jersey) {
    super(jersey);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Once once = new Once(callback);
    boolean handled = super.handle(request, response, once);
    if (handled && once.complete()) {
      LOG.debug("Jersey returned from {} {} without completing it (committed: {}); failed here",
          request.getMethod(), InFlightRequests.routeClass(request).label(), response.isCommitted());
      callback.failed(new EofException("the response could not be written (the client went away?) and Jersey "
          + "left the request open"));
    }
    return handled;
  }

  /** Passes the first completion on; {@link #complete()} claims it when none came. */
  private static final class Once extends Callback.Nested {
    private final AtomicBoolean done = new AtomicBoolean();

    Once(Callback callback) {
      super(callback);
    }

    /** True when no completion came yet: the caller must complete the wrapped callback itself. */
    boolean complete() {
      return done.compareAndSet(false, true);
    }

    @Override
    public void succeeded() {
      if (done.compareAndSet(false, true)) {
        super.succeeded();
      }
    }

    @Override
    public void failed(Throwable failure) {
      if (done.compareAndSet(false, true)) {
        super.failed(failure);
      }
    }
  }
}
