package dev.cvos.server.object;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosJson;
import dev.cvos.api.CvosPaths;
import dev.cvos.server.config.AuthConfig;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.http.ApiException;
import dev.cvos.server.http.ApiKeys;
import dev.cvos.server.http.ErrorAnswer;
import dev.cvos.server.http.FrontHandler;
import dev.cvos.server.metrics.RequestMetrics;
import dev.cvos.storage.spi.StoredObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Serves every GET and HEAD of an object on a storing server, in front of Jersey: checks the key
 * ({@link ApiKeys}, as for every other request), decodes the names, asks {@link ObjectReads} for
 * the answer and sends it. The one place a read answer becomes bytes on the wire, for a hit here,
 * a relayed hit, a miss, a refusal or an error alike. Jersey's per-request machinery (injection,
 * routing, filters, entity writers) costs several times the reading of a small object, which is
 * why reads are served here; Jersey keeps the writes, the listing and the JSON endpoints.
 *
 * <p>A body the store offers as a channel ({@link StoredObject#channel()}, the {@code local} store
 * and plugins that offer it) is read into pooled direct buffers and written from them ({@link
 * FastBodyWriter}); any other body (a peer's, an SMB share's) is streamed. Every answer is timed in
 * {@code cvos_http_requests_seconds} under the route {@value #ROUTE}, logged by the access log, and
 * counted in {@code cvos_http_fast_answered_total}. A simple secondary forwards reads instead: on
 * such a server every request goes on to Jersey's forwarding filter.
 */
public final class ObjectReadHandler extends FrontHandler {
  static final String ROUTE = CvosPaths.OBJECTS + "/{bucket}/{key}";
  private static final String PREFIX = CvosPaths.OBJECTS + "/";
  private static final List<Route> ROUTES = List.of(
      new Route("GET", ROUTE, Set.of("Range", "If-None-Match"), Set.of()),
      new Route("HEAD", ROUTE, Set.of("If-None-Match"), Set.of()));

  private final ObjectReads reads;
  private final ApiKeys keys;
  private final RequestMetrics metrics;
  private final boolean storing;
  private final Counter answered;
  private final FastBodyWriter bodies = new FastBodyWriter();
  private final ObjectMapper json = CvosJson.newMapper();

  @Inject
  public ObjectReadHandler(ObjectReads reads, AuthConfig auth, PeerConfig peer, ServerConfig server,
      RequestMetrics metrics, MeterRegistry registry) {
    this.reads = reads;
    this.keys = new ApiKeys(auth, peer);
    this.metrics = metrics;
    this.storing = server.role().stores();
    this.answered = Counter.builder("cvos.http.fast.answered")
        .description("object GETs and HEADs answered by the read handler, in front of Jersey").register(registry);
  }

  @Override
  public List<Route> routes() {
    return ROUTES;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!storing || !(head || "GET".equals(method))) {
      return super.handle(request, response, callback);
    }
    String path = request.getHttpURI().getPath();
    if (path == null || !path.startsWith(PREFIX)) {
      return super.handle(request, response, callback);
    }
    int slash = path.indexOf('/', PREFIX.length());
    if (slash <= PREFIX.length() || slash == path.length() - 1) {
      return super.handle(request, response, callback);
    }
    Callback counted = new Counted(callback, method, response, System.nanoTime());
    ReadAnswer answer = answer(request, path, slash, head);
    send(answer, head, response, counted);
    return true;
  }

  /** The answer to the read: refused without a valid key or with malformed names, else {@link ObjectReads}'s. */
  private ReadAnswer answer(Request request, String path, int slash, boolean head) {
    HttpFields headers = request.getHeaders();
    boolean relayed = headers.get(CvosHeaders.RELAYED) != null;
    Optional<ApiException> refusal = keys.refusal(headers.get(HttpHeader.AUTHORIZATION), relayed);
    if (refusal.isPresent()) {
      return new ReadAnswer.Refused(ErrorAnswer.of(refusal.get()));
    }
    String bucket;
    String key;
    try {
      bucket = RawNames.decode(path.substring(PREFIX.length(), slash));
      key = RawNames.decode(path.substring(slash + 1));
    } catch (ApiException e) {
      return new ReadAnswer.Refused(ErrorAnswer.of(e));
    }
    String ifNoneMatch = headers.get(HttpHeader.IF_NONE_MATCH);
    if (head) {
      return reads.head(new ObjectReads.ReadRequest(bucket, key, null, ifNoneMatch, relayed));
    }
    return reads.get(new ObjectReads.ReadRequest(bucket, key, headers.get(HttpHeader.RANGE), ifNoneMatch, relayed));
  }

  /** Sends the answer and ends the callback, whatever happens. */
  private void send(ReadAnswer answer, boolean head, Response response, Callback callback) {
    HttpFields.Mutable headers = response.getHeaders();
    for (Map.Entry<String, String> header : answer.headers().entrySet()) {
      headers.put(header.getKey(), header.getValue());
    }
    response.setStatus(answer.status());
    if (answer instanceof ReadAnswer.Found found) {
      headers.put(HttpHeader.CONTENT_LENGTH, found.length());
      if (found.object().isEmpty()) {
        response.write(true, BufferUtil.EMPTY_BUFFER, callback);
        return;
      }
      StoredObject object = found.object().get();
      Optional<ReadableByteChannel> channel = object.channel();
      if (channel.isPresent()) {
        bodies.write(object, channel.get(), response, callback);
      } else {
        stream(object, response, callback);
      }
    } else if (answer instanceof ReadAnswer.NotModified) {
      headers.put(HttpHeader.CONTENT_LENGTH, 0L);
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    } else if (answer instanceof ReadAnswer.Refused refused) {
      byte[] body;
      try {
        body = json.writeValueAsBytes(refused.error().body());
      } catch (JsonProcessingException e) {
        callback.failed(e);
        return;
      }
      headers.put(HttpHeader.CONTENT_TYPE, "application/json");
      headers.put(HttpHeader.CONTENT_LENGTH, body.length);
      response.write(true, head ? BufferUtil.EMPTY_BUFFER : ByteBuffer.wrap(body), callback);
    }
  }

  /**
   * Streams a body that is no channel (a peer's, which hands 64 KiB at a time; an SMB share's):
   * each write waits until the client took it. The response is not closed on a failure: closing
   * ends it as if the body were whole.
   */
  private static void stream(StoredObject object, Response response, Callback callback) {
    try (object) {
      OutputStream out = Content.Sink.asOutputStream(response);
      object.body().transferTo(out);
      out.close();
    } catch (IOException | RuntimeException e) {
      callback.failed(e);
      return;
    }
    callback.succeeded();
  }

  /** Records the request in {@code cvos_http_requests_seconds} when its answer is done. */
  private final class Counted implements Callback {
    private final Callback next;
    private final String method;
    private final Response response;
    private final long start;

    Counted(Callback next, String method, Response response, long start) {
      this.next = next;
      this.method = method;
      this.response = response;
      this.start = start;
    }

    @Override
    public void succeeded() {
      answered.increment();
      metrics.record(method, ROUTE, response.getStatus(), System.nanoTime() - start);
      next.succeeded();
    }

    @Override
    public void failed(Throwable failure) {
      answered.increment();
      metrics.record(method, ROUTE, response.getStatus(), System.nanoTime() - start);
      next.failed(failure);
    }

    @Override
    public InvocationType getInvocationType() {
      return next.getInvocationType();
    }
  }
}
