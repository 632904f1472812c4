package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.Deadline;
import dev.cvos.domain.relay.Deleted;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.domain.relay.PeerAnswer.Cause;
import dev.cvos.domain.relay.PeerGateway;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PeerGateway} over HTTPS with Jetty's client.
 *
 * <p>Every request goes to a URL from the registry only, over HTTPS with the peer's certificate
 * checked by {@link PeerTrust} (the certificate its registry row published, and its host name)
 * and this server's certificate presented as the client certificate (see {@link PeerHttpClient}); redirects are never followed. It carries {@code Authorization: Bearer <peer
 * key>} (the cluster secret that tells a peer from a client) and {@code X-Cvos-Relayed: 1}, so the
 * peer answers from its own storage only.
 *
 * <p>The deadline covers connect, TLS and the answer's head; a relayed GET body then streams
 * through {@link InputStreamResponseListener} (Jetty reads ahead only as the caller reads, so the
 * body is never held whole in memory) and may stall at most the configured body idle timeout.
 * Closing the {@link StoredObject} before its end aborts the exchange. A GET holds no thread while
 * it waits for the head ({@link #getAsync}, {@link PeerGet}): the relay's caller waits for it
 * directly, with no hand-off to a relay thread.
 *
 * <p>Answers: 200/206/204 found; 404 with the JSON error {@code not_found} not found; 416 range not
 * satisfiable; any other answer, including a 404 that is not a CVOS error, is unavailable with a
 * {@link Cause}: timeout, connection (refused, reset, TLS failure such as an untrusted
 * certificate), server error (5xx), rejected (401/403), protocol.
 */
public final class HttpPeerGateway implements PeerGateway, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpPeerGateway.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;
  private static final int MAX_LISTING_BODY = 16 * 1024 * 1024;

  private final PeerHttpClient http;
  private final PeerResponses responses = new PeerResponses();
  private final PeerAnswers answers = new PeerAnswers(responses);

  private HttpPeerGateway(PeerHttpClient http) {
    this.http = http;
  }

  /**
   * Starts a gateway over {@code trust} (which may change while it runs: the next handshake uses
   * what it trusts then). Close it to stop.
   */
  public static HttpPeerGateway start(PeerClientSettings settings, PeerTrust trust) throws PeerTransportException {
    return new HttpPeerGateway(PeerHttpClient.start(settings, trust));
  }

  @Override
  public PeerAnswer<StoredObject> get(
      ServerRecord peer, String bucket, String key, ByteRange range, Deadline deadline) {
    CompletableFuture<PeerAnswer<StoredObject>> pending = start(peer, bucket, key, range, deadline);
    try {
      return pending.get();
    } catch (InterruptedException e) {
      if (!pending.cancel(true) && pending.getNow(null) instanceof PeerAnswer.Found<StoredObject> found) {
        closeDiscarded(found.value().body());
      }
      Thread.currentThread().interrupt();
      return PeerAnswers.cancelled("GET", PeerUris.object(peer, bucket, key));
    } catch (ExecutionException e) {
      return PeerAnswers.failed("GET", peer, PeerUris.object(peer, bucket, key), e.getCause());
    }
  }

  /** The GET without a waiting thread: the answer's head completes the stage on a client thread. */
  @Override
  public CompletableFuture<PeerAnswer<StoredObject>> getAsync(ServerRecord peer, String bucket, String key,
      ByteRange range, Deadline deadline, ExecutorService unused) {
    return start(peer, bucket, key, range, deadline);
  }

  private CompletableFuture<PeerAnswer<StoredObject>> start(
      ServerRecord peer, String bucket, String key, ByteRange range, Deadline deadline) {
    if (!PeerUris.isHttps(peer)) {
      return CompletableFuture.completedFuture(PeerAnswers.notHttps(peer));
    }
    URI uri = PeerUris.object(peer, bucket, key);
    Request request = http.newRequest(uri, HttpMethod.GET);
    rangeHeader(range).ifPresent(value -> request.headers(headers -> headers.put("Range", value)));
    return PeerGet.start(http, responses, answers, peer, bucket, key, range, uri, request, deadline);
  }

  @Override
  public PeerAnswer<ObjectMetadata> stat(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return exchange(peer, PeerUris.object(peer, bucket, key), HttpMethod.HEAD, MAX_ERROR_BODY, deadline,
        response -> {
          PeerAnswers.checkServer(peer, response);
          long size = responses.contentLength(response.getHeaders());
          return responses.metadata(bucket, key, size, response.getHeaders());
        });
  }

  @Override
  public PeerAnswer<Deleted> delete(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return exchange(peer, PeerUris.object(peer, bucket, key), HttpMethod.DELETE, MAX_ERROR_BODY,
        deadline, response -> new Deleted());
  }

  @Override
  public PeerAnswer<ObjectListing> list(
      ServerRecord peer, String bucket, ListRequest request, Deadline deadline) {
    URI uri = PeerUris.listing(peer, bucket, request.prefix(), request.startAfter(), request.limit());
    return exchange(peer, uri, HttpMethod.GET, MAX_LISTING_BODY, deadline,
        response -> responses.listing(response.getContent()));
  }

  /**
   * Greets a peer: a relayed {@code HEAD /health/live} over mutual TLS, without waiting for it. A
   * server that just joined greets every registered server, so that each meets its certificate
   * (unknown to it until its next registry read) and reads the registry at once: it can relay to
   * the new server within moments.
   *
   * @return the answer's status, or the failure
   */
  public CompletableFuture<Integer> greet(ServerRecord peer, Duration timeout) {
    if (!PeerUris.isHttps(peer)) {
      return CompletableFuture.failedFuture(new PeerProtocolException(peer.id() + " is not registered with https"));
    }
    Request request = http.newRequest(PeerUris.live(peer), HttpMethod.HEAD)
        .timeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    return new CompletableResponseListener(request).send().thenApply(ContentResponse::getStatus);
  }

  /** Stops the client and closes its pooled connections. */
  @Override
  public void close() {
    http.close();
  }

  @FunctionalInterface
  private interface Success<T> {
    T read(ContentResponse response) throws PeerProtocolException;
  }

  /** A request whose answer is small: buffered up to {@code maxBody} bytes, all within the deadline. */
  private <T> PeerAnswer<T> exchange(ServerRecord peer, URI uri, HttpMethod method, int maxBody,
      Deadline deadline, Success<T> success) {
    if (!PeerUris.isHttps(peer)) {
      return PeerAnswers.notHttps(peer);
    }
    Request request = http.newRequest(uri, method);
    ContentResponse response;
    try {
      response = http.send(request, maxBody, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return PeerAnswers.cancelled(method.asString(), uri);
    } catch (TimeoutException e) {
      return PeerAnswers.timedOut(method.asString(), uri);
    } catch (ExecutionException e) {
      return PeerAnswers.failed(method.asString(), peer, uri, e.getCause());
    }
    int status = response.getStatus();
    try {
      if (status == 200 || status == 204) {
        return new PeerAnswer.Found<>(success.read(response), peer.id());
      }
      return answers.errorAnswer(method.asString(), peer, uri, response, response.getContent());
    } catch (PeerProtocolException e) {
      return PeerAnswers.protocol(method.asString(), peer, uri, e);
    }
  }

  private static void closeDiscarded(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      LOG.debug("Closing a rejected peer answer failed; the exchange is aborted anyway", e);
    }
  }

  private static Optional<String> rangeHeader(ByteRange range) {
    switch (range.kind()) {
      case ALL:
        return Optional.empty();
      case CLOSED:
        return Optional.of("bytes=" + range.first() + "-" + range.last());
      case FROM:
        return Optional.of("bytes=" + range.first() + "-");
      case SUFFIX:
        return Optional.of("bytes=-" + range.first());
      default:
        throw new IllegalArgumentException("unknown range kind " + range.kind());
    }
  }
}
