package dev.cvos.peer;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.relay.Deadline;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One relayed GET in flight, with no thread waiting for it: the answer's head completes {@link
 * #answer()} on a client thread. A 200/206 becomes a {@link PeerAnswer.Found} whose body is taken
 * into a bounded buffer as the peer sends it ({@link BufferedRelayBody}: a slow reader never holds
 * the peer connection); any other status is read whole (at most 64 KiB, on the client thread,
 * without blocking) and mapped by {@link PeerAnswers}. The deadline aborts an exchange whose head
 * has not arrived; cancelling the answer aborts the exchange, and a body that arrives after that is
 * closed here.
 *
 * <p>Jetty calls a listener's callbacks one at a time, so the fields written by them need no lock.
 */
final class PeerGet implements Response.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(PeerGet.class);
  private static final int MAX_ERROR_BODY = 64 * 1024;

  private final ServerRecord peer;
  private final String bucket;
  private final String key;
  private final ByteRange range;
  private final URI uri;
  private final Request request;
  private final PeerResponses responses;
  private final PeerAnswers answers;
  private final CompletableFuture<PeerAnswer<StoredObject>> answer = new CompletableFuture<>();
  private ByteArrayOutputStream errorBody;
  private BufferedRelayBody body;
  private PeerHttpClient http;
  private String etag;

  private PeerGet(ServerRecord peer, String bucket, String key, ByteRange range, URI uri, Request request,
      PeerResponses responses, PeerAnswers answers) {
    this.peer = peer;
    this.bucket = bucket;
    this.key = key;
    this.range = range;
    this.uri = uri;
    this.request = request;
    this.responses = responses;
    this.answers = answers;
  }

  /** Sends the request; the answer completes when its head arrived, it failed, or the deadline passed. */
  static CompletableFuture<PeerAnswer<StoredObject>> start(PeerHttpClient http, PeerResponses responses,
      PeerAnswers answers, ServerRecord peer, String bucket, String key, ByteRange range, URI uri,
      Request request, Deadline deadline) {
    PeerGet get = new PeerGet(peer, bucket, key, range, uri, request, responses, answers);
    get.http = http;
    Scheduler.Task timer = http.schedule(get::timeOut, deadline.remaining());
    get.answer.whenComplete((result, failure) -> {
      timer.cancel();
      if (failure != null) {
        request.abort(failure instanceof CancellationException
            ? failure : new CancellationException("the relay stopped waiting: " + failure));
      }
    });
    request.send(get);
    return get.answer;
  }

  private void timeOut() {
    if (answer.complete(PeerAnswers.timedOut("GET", uri))) {
      request.abort(new TimeoutException("no answer from " + peer.id() + " within the relay deadline"));
    }
  }

  @Override
  public void onHeaders(Response response) {
    int status = response.getStatus();
    if (status != 200 && status != 206) {
      errorBody = new ByteArrayOutputStream();
      return;
    }
    PeerAnswer<StoredObject> found;
    try {
      PeerResponses.Extent extent = responses.extent(status, response.getHeaders());
      if (status == 200 && range.kind() != ByteRange.Kind.ALL) {
        throw new PeerProtocolException("answered 200 to a Range request");
      }
      ObjectMetadata metadata = responses.metadata(bucket, key, extent.size(), response.getHeaders());
      PeerAnswers.checkServer(peer, response);
      etag = response.getHeaders().get(HttpHeader.ETAG);
      body = new BufferedRelayBody(extent.range().offset(), extent.range().length(), this::piece,
          new BufferedRelayBody.Exchange() {
            @Override
            public void abort(Throwable why) {
              request.abort(why);
            }

            @Override
            public void schedule(Runnable task, Duration delay) {
              http.schedule(task, delay);
            }
          });
      found = new PeerAnswer.Found<>(new StoredObject(metadata, extent.range(), new RelayedBody(body)), peer.id());
    } catch (PeerProtocolException | RuntimeException e) {
      if (answer.complete(PeerAnswers.protocol("GET", peer, uri, e))) {
        request.abort(e);
      }
      return;
    }
    if (!answer.complete(found)) {
      closeDiscarded(((PeerAnswer.Found<StoredObject>) found).value());
    }
  }

  @Override
  public void onContent(Response response, Content.Chunk chunk, Runnable demander) {
    if (errorBody == null) {
      if (body != null) {
        body.arrived(chunk, demander);
      } else {
        demander.run();
      }
      return;
    }
    ByteBuffer bytes = chunk.getByteBuffer().slice();
    int keep = Math.min(bytes.remaining(), MAX_ERROR_BODY - errorBody.size());
    byte[] copy = new byte[keep];
    bytes.get(copy);
    errorBody.write(copy, 0, keep);
    demander.run();
  }

  @Override
  public void onComplete(Result result) {
    if (body != null) {
      body.ended(result.isFailed() ? result.getFailure() : null);
    }
    if (result.isFailed()) {
      answer.complete(PeerAnswers.failed("GET", peer, uri, result.getFailure()));
    } else if (errorBody != null) {
      try {
        answer.complete(answers.errorAnswer("GET", peer, uri, result.getResponse(), errorBody.toByteArray()));
      } catch (PeerProtocolException e) {
        answer.complete(PeerAnswers.protocol("GET", peer, uri, e));
      }
    }
  }

  /**
   * Bytes {@code first..last} of the object, asked for once the first exchange was given up for a
   * slow reader: read whole within the body idle timeout, and refused when the object changed.
   */
  private byte[] piece(long first, long last) throws IOException {
    Request more = http.newRequest(uri, HttpMethod.GET)
        .headers(headers -> headers.put(HttpHeader.RANGE, "bytes=" + first + "-" + last));
    String what = "GET " + uri + " bytes " + first + "-" + last;
    ContentResponse piece;
    try {
      piece = http.send(more, (int) (last - first + 1), Deadline.after(http.bodyIdleTimeout()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(what + " interrupted");
    } catch (TimeoutException e) {
      throw new IOException(what + " timed out", e);
    } catch (ExecutionException e) {
      throw new IOException(what + ": " + PeerFailures.classify(e.getCause()).detail(), e.getCause());
    }
    String range = piece.getHeaders().get(HttpHeader.CONTENT_RANGE);
    if (piece.getStatus() != 206 || range == null || !range.startsWith("bytes " + first + "-" + last + "/")) {
      throw new IOException(what + " answered " + piece.getStatus() + " " + range);
    }
    if (!Objects.equals(etag, piece.getHeaders().get(HttpHeader.ETAG))) {
      throw new IOException(what + ": the object changed on " + peer.id() + " while it was relayed");
    }
    return piece.getContent();
  }

  private static void closeDiscarded(StoredObject object) {
    try {
      object.close();
    } catch (IOException e) {
      LOG.debug("Closing a peer answer nobody waits for failed; the exchange is aborted anyway", e);
    }
  }
}
