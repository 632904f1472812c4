package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.PeerAnswer.Cause;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContinueProtocolHandler;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a client's request, as the client sent it (its own {@code Authorization}, no relayed
 * marker), to one storing server over HTTPS, streaming the body both ways: what a simple secondary
 * does with every request, and what a balancing primary does with a POST it places elsewhere.
 *
 * <p>A request with a body is sent with {@code Expect: 100-continue}, and the client's body is
 * read only once the storing server asks for it. So a server that is down, stopped or slow fails
 * the request <em>before</em> a byte of the body is taken, and the caller can try the next server;
 * once the body started, a failure is final ({@link ForwardFailure#retriable()} is false). The
 * accept timeout bounds the wait for the server to answer (or ask for the body); afterwards only
 * the body idle timeout applies, so a large upload or download is not cut by a deadline.
 *
 * <p>HTTPS with certificate and host name verification against {@link PeerTrust}, presenting this
 * server's certificate as its client certificate; redirects and authentication challenges are
 * never followed. Thread-safe.
 */
public final class PeerForwarder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerForwarder.class);
  private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "transfer-encoding", "upgrade",
      "host", "expect", "content-length");
  private static final Set<String> NOT_PASSED_BACK = Set.of("connection", "keep-alive", "proxy-authenticate",
      "proxy-connection", "te", "trailer", "transfer-encoding", "upgrade", "server", "date",
      CvosHeaders.SERVER.toLowerCase(Locale.ROOT));

  private final HttpClient client;
  private final ForwardSettings settings;

  private PeerForwarder(HttpClient client, ForwardSettings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Starts the HTTPS client; close the forwarder to stop it. */
  public static PeerForwarder start(ForwardSettings settings, PeerTrust trust) throws PeerTransportException {
    HttpClient client = JettyClients.create("cvos-forward", trust, settings.connectTimeout(), settings.bodyIdleTimeout(),
        settings.maxConnectionsPerServer());
    client.setUserAgentField(null);
    try {
      client.start();
      // Keep 100-continue handling only: a storing server's 401, 407 or 3xx goes back to the
      // client as it is, never acted upon here.
      client.getProtocolHandlers().clear();
      client.getProtocolHandlers().put(new ContinueProtocolHandler());
      // Bodies pass through as the storing server sent them: never decoded here.
      client.getContentDecoderFactories().clear();
    } catch (Exception e) {
      throw new PeerTransportException("the forwarding HTTPS client does not start: " + e.getMessage(), e);
    }
    LOG.info("forwarding client started: {}", settings);
    return new PeerForwarder(client, settings);
  }

  /**
   * Forwards a request to {@code target} and returns its answer once its head arrived; the body
   * streams from {@link Forwarded#body()}.
   *
   * @throws ForwardFailure when the server could not be reached, did not accept the request in
   *     time, or the exchange broke before the answer's head
   * @throws InterruptedException when the calling thread is interrupted (the exchange is aborted)
   */
  public Forwarded forward(ServerRecord target, ForwardRequest forward) throws ForwardFailure, InterruptedException {
    URI uri = uri(target, forward.rawPathAndQuery());
    if (!"https".equalsIgnoreCase(uri.getScheme())) {
      throw new ForwardFailure(Cause.PROTOCOL, target.id() + " is registered with " + target.url()
          + ", not https: requests are never forwarded in clear", false, null);
    }
    CompletableFuture<Void> accepted = new CompletableFuture<>();
    Request request = client.newRequest(uri)
        .method(forward.method())
        .idleTimeout(settings.bodyIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .headers(headers -> {
          headers.clear();
          for (Map.Entry<String, String> header : forward.headers()) {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
              headers.add(header.getKey(), header.getValue());
            }
          }
        });
    ForwardedBody body = null;
    if (forward.hasBody()) {
      body = new ForwardedBody(forward.body(), forward.contentLength(), () -> accepted.complete(null));
      request.headers(headers -> headers.put(HttpHeader.EXPECT, HttpHeaderValue.CONTINUE.asString()));
      request.body(body);
    }
    request.onResponseBegin(response -> accepted.complete(null));
    request.onComplete(result -> {
      if (result.isFailed()) {
        accepted.completeExceptionally(result.getFailure());
      }
    });
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.send(listener);
    String what = forward.method() + " " + uri;
    try {
      accepted.get(settings.acceptTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      if (body == null || !body.started()) {
        request.abort(e);
        throw new ForwardFailure(Cause.TIMEOUT, what + ": not accepted within " + settings.acceptTimeout(), false, e);
      }
    } catch (ExecutionException e) {
      throw failure(what, body, e.getCause());
    } catch (InterruptedException e) {
      request.abort(e);
      throw e;
    }
    Response response;
    try {
      // Bounded by the idle timeout: an upload may take long, but never stall.
      response = listener.get(Long.MAX_VALUE, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw failure(what, body, e.getCause());
    } catch (TimeoutException e) {
      request.abort(e);
      throw new ForwardFailure(Cause.TIMEOUT, what + " timed out", body != null && body.started(), e);
    } catch (InterruptedException e) {
      request.abort(e);
      throw e;
    }
    List<Map.Entry<String, String>> headers = new ArrayList<>();
    for (HttpField field : response.getHeaders()) {
      if (!NOT_PASSED_BACK.contains(field.getLowerCaseName())) {
        headers.add(Map.entry(field.getName(), field.getValue()));
      }
    }
    InputStream answer = listener.getInputStream();
    return new Forwarded(target.id(), response.getStatus(), headers, answer);
  }

  private static ForwardFailure failure(String what, ForwardedBody body, Throwable cause) {
    PeerFailures.Failure failure = PeerFailures.classify(cause);
    if (failure.toLog()) {
      LOG.warn("TLS with {} failed, the request is not forwarded there: {}", what, failure.detail());
    }
    return new ForwardFailure(failure.cause(), what + ": " + failure.detail(), body != null && body.started(), cause);
  }

  private static URI uri(ServerRecord target, String rawPathAndQuery) {
    String base = target.url().toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + rawPathAndQuery);
  }

  /** Stops the client and closes its pooled connections. */
  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      LOG.warn("stopping the forwarding HTTPS client failed", e);
    }
  }
}
