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
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link PeerGateway} over HTTPS with Jetty's client.
 *
 * <p>Every request goes to a URL from the registry only, over HTTPS with the peer's certificate
 * checked against the cluster truststore and its host name against the certificate (see {@link
 * PeerHttpClient}); redirects are never followed. It carries {@code Authorization: Bearer <peer
 * key>} (the cluster secret that tells a peer from a client) and {@code X-Cvos-Relayed: 1}, so the
 * peer answers from its own storage only.
 *
 * <p>The deadline covers connect, TLS and the answer's head; a relayed GET body then streams
 * through {@link InputStreamResponseListener} (Jetty reads ahead only as the caller reads, so the
 * body is never held whole in memory) and may stall at most the configured body idle timeout.
 * Closing the {@link StoredObject} before its end aborts the exchange.
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

  private HttpPeerGateway(PeerHttpClient http) {
    this.http = http;
  }

  /** Starts a gateway: loads the truststore and starts the client. Close it to stop. */
  public static HttpPeerGateway start(PeerClientSettings settings) throws PeerTransportException {
    return new HttpPeerGateway(PeerHttpClient.start(settings));
  }

  @Override
  public PeerAnswer<StoredObject> get(
      ServerRecord peer, String bucket, String key, ByteRange range, Deadline deadline) {
    if (!PeerUris.isHttps(peer)) {
      return notHttps(peer);
    }
    URI uri = PeerUris.object(peer, bucket, key);
    Request request = http.newRequest(uri, HttpMethod.GET);
    rangeHeader(range).ifPresent(value -> request.headers(headers -> headers.put("Range", value)));
    InputStreamResponseListener listener = new InputStreamResponseListener();
    request.send(listener);
    Response response;
    try {
      response = listener.get(deadline.remaining().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      request.abort(e);
      Thread.currentThread().interrupt();
      return new PeerAnswer.Unavailable<>(Cause.CANCELLED, "GET " + uri + " cancelled");
    } catch (TimeoutException e) {
      request.abort(e);
      return timedOut("GET", uri);
    } catch (ExecutionException e) {
      return failed("GET", peer, uri, e.getCause());
    }
    InputStream body = listener.getInputStream();
    int status = response.getStatus();
    try {
      if (status == 200 || status == 206) {
        PeerResponses.Extent extent = responses.extent(status, response.getHeaders());
        if (status == 200 && range.kind() != ByteRange.Kind.ALL) {
          throw new PeerProtocolException("answered 200 to a Range request");
        }
        ObjectMetadata metadata = responses.metadata(bucket, key, extent.size(), response.getHeaders());
        checkServer(peer, response);
        return new PeerAnswer.Found<>(new StoredObject(metadata, extent.range(), body), peer.id());
      }
      try (InputStream errorBody = body) {
        return errorAnswer("GET", peer, uri, response, errorBody.readNBytes(MAX_ERROR_BODY));
      }
    } catch (PeerProtocolException e) {
      closeDiscarded(body);
      return protocol("GET", peer, uri, e);
    } catch (IOException | RuntimeException e) {
      // Jetty reports a failed exchange from the body stream, as IOException or as its own
      // unchecked HttpResponseException.
      closeDiscarded(body);
      return failed("GET", peer, uri, e);
    }
  }

  @Override
  public PeerAnswer<ObjectMetadata> stat(ServerRecord peer, String bucket, String key, Deadline deadline) {
    return exchange(peer, PeerUris.object(peer, bucket, key), HttpMethod.HEAD, MAX_ERROR_BODY, deadline,
        response -> {
          checkServer(peer, response);
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
      return notHttps(peer);
    }
    Request request = http.newRequest(uri, method);
    ContentResponse response;
    try {
      response = http.send(request, maxBody, deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PeerAnswer.Unavailable<>(Cause.CANCELLED, method + " " + uri + " cancelled");
    } catch (TimeoutException e) {
      return timedOut(method.asString(), uri);
    } catch (ExecutionException e) {
      return failed(method.asString(), peer, uri, e.getCause());
    }
    int status = response.getStatus();
    try {
      if (status == 200 || status == 204) {
        return new PeerAnswer.Found<>(success.read(response), peer.id());
      }
      return errorAnswer(method.asString(), peer, uri, response, response.getContent());
    } catch (PeerProtocolException e) {
      return protocol(method.asString(), peer, uri, e);
    }
  }

  private <T> PeerAnswer<T> errorAnswer(
      String method, ServerRecord peer, URI uri, Response response, byte[] body)
      throws PeerProtocolException {
    int status = response.getStatus();
    String what = method + " " + uri + " answered " + status;
    if (status == 404) {
      // A CVOS 404 carries the not_found error body; a HEAD has no body, so there the CVOS header
      // X-Cvos-Server must be present. A bare 404 (a proxy, a wrong URL) never means "not found".
      boolean cvosNotFound = method.equals("HEAD")
          ? response.getHeaders().contains(CvosHeaders.SERVER)
          : responses.errorCode(body).filter("not_found"::equals).isPresent();
      if (cvosNotFound) {
        return new PeerAnswer.NotFound<>();
      }
      throw new PeerProtocolException("answered 404 without the CVOS not_found error body");
    }
    if (status == 416) {
      return new PeerAnswer.RangeNotSatisfiable<>(responses.unsatisfiedSize(response.getHeaders()));
    }
    if (status == 401 || status == 403) {
      LOG.warn("Peer {} refused a relayed request ({}): do the servers share one peer key?",
          peer.id(), what);
      return new PeerAnswer.Unavailable<>(Cause.REJECTED, what + " (peer key refused)");
    }
    if (status >= 500) {
      return new PeerAnswer.Unavailable<>(Cause.SERVER_ERROR, what);
    }
    throw new PeerProtocolException("unexpected status " + status);
  }

  private void checkServer(ServerRecord peer, Response response) {
    String answeredBy = response.getHeaders().get(CvosHeaders.SERVER);
    if (answeredBy != null && !answeredBy.equals(peer.id())) {
      LOG.warn("Peer {} at {} answered as server {}: the registry URL points at another server",
          peer.id(), peer.url(), answeredBy);
    }
  }

  private static <T> PeerAnswer<T> notHttps(ServerRecord peer) {
    LOG.warn("Peer {} is registered with {}, not https: it is never asked (the peer key is never "
        + "sent in clear)", peer.id(), peer.url());
    return new PeerAnswer.Unavailable<>(Cause.PROTOCOL, peer.id() + " has no https URL: " + peer.url());
  }

  private static <T> PeerAnswer<T> timedOut(String method, URI uri) {
    return new PeerAnswer.Unavailable<>(Cause.TIMEOUT, method + " " + uri + " timed out");
  }

  private static <T> PeerAnswer<T> protocol(String method, ServerRecord peer, URI uri, Exception e) {
    LOG.warn("Peer {} broke the protocol on {} {}: {}", peer.id(), method, uri, e.getMessage());
    return new PeerAnswer.Unavailable<>(Cause.PROTOCOL, method + " " + uri + ": " + e.getMessage());
  }

  private static <T> PeerAnswer<T> failed(String method, ServerRecord peer, URI uri, Throwable cause) {
    PeerFailures.Failure failure = PeerFailures.classify(cause);
    if (failure.tls()) {
      LOG.warn("TLS with peer {} at {} failed, it is not talked to: {}", peer.id(), uri, failure.detail());
    }
    return new PeerAnswer.Unavailable<>(failure.cause(), method + " " + uri + ": " + failure.detail());
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
