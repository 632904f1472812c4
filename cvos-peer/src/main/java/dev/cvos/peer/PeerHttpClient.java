package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import dev.cvos.domain.relay.Deadline;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty client the gateway uses: HTTPS only, mutual TLS with {@link PeerTrust} (certificate
 * and host name verification, this server's certificate presented), pooled connections, TCP_NODELAY, a connect timeout, no redirects,
 * and the peer headers on every request.
 */
final class PeerHttpClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerHttpClient.class);

  private final HttpClient client;
  private final String authorization;
  private final long bodyIdleMillis;

  private PeerHttpClient(HttpClient client, PeerClientSettings settings) {
    this.client = client;
    this.authorization = "Bearer " + settings.peerKey();
    this.bodyIdleMillis = settings.bodyIdleTimeout().toMillis();
  }

  static PeerHttpClient start(PeerClientSettings settings, PeerTrust trust) throws PeerTransportException {
    HttpClient client = JettyClients.create("cvos-peer", trust, settings.connectTimeout(), settings.bodyIdleTimeout(),
        settings.maxConnectionsPerPeer());
    try {
      client.start();
      // No authentication, proxy-authentication or redirect handling (the client installs them at
      // start): a peer's 401/407/3xx is an answer to report, never a challenge to act on.
      client.getProtocolHandlers().clear();
    } catch (Exception e) {
      throw new PeerTransportException("the peer HTTPS client does not start: " + e.getMessage(), e);
    }
    LOG.info("Peer transport started: {}", settings);
    return new PeerHttpClient(client, settings);
  }

  /** A request with the peer key, the relayed marker and the body idle timeout. */
  Request newRequest(URI uri, HttpMethod method) {
    return client.newRequest(uri)
        .method(method)
        .idleTimeout(bodyIdleMillis, TimeUnit.MILLISECONDS)
        .headers(headers -> headers
            .put(HttpHeader.AUTHORIZATION, authorization)
            .put(CvosHeaders.RELAYED, CvosHeaders.RELAYED_VALUE));
  }

  /**
   * Sends a request and buffers its answer (at most {@code maxBody} bytes); the exchange is aborted
   * when the deadline passes or the caller is interrupted.
   */
  ContentResponse send(Request request, int maxBody, Deadline deadline)
      throws InterruptedException, TimeoutException, ExecutionException {
    CompletableFuture<ContentResponse> answer = new CompletableResponseListener(request, maxBody).send();
    try {
      return answer.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException | TimeoutException e) {
      request.abort(e);
      throw e;
    }
  }

  /** The longest a relayed body may stall. */
  Duration bodyIdleTimeout() {
    return Duration.ofMillis(bodyIdleMillis);
  }

  /** Runs {@code task} on the client's scheduler after {@code delay} (at once when it is not positive). */
  Scheduler.Task schedule(Runnable task, Duration delay) {
    return client.getScheduler().schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    try {
      client.stop();
    } catch (Exception e) {
      LOG.warn("Stopping the peer HTTPS client failed", e);
    }
  }
}
