package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosPaths;
import dev.cvos.domain.object.ClusterObjects;
import dev.cvos.domain.object.Located;
import dev.cvos.domain.object.ObjectErrorCode;
import dev.cvos.domain.object.ObjectOperationException;
import dev.cvos.server.config.AuthConfig;
import dev.cvos.server.config.PeerConfig;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.metrics.RequestMetrics;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.StoredObject;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;

/**
 * Answers the most common requests, a GET or HEAD of an object this server stores, straight from
 * the store in front of Jersey: the per-request cost of Jersey's machinery (injection, routing,
 * filters, entity writers) is several times the cost of reading a small object. The answer is the
 * one {@link ObjectResource} gives (same status, headers and body; {@link ObjectHeaders} makes the
 * values of both), counted in the same request metric, and logged by the same access log; {@code
 * cvos_http_fast_answered_total} counts the requests answered here.
 *
 * <p>Only the plain case is taken: a storing server, a path without a query, an accepted key (as
 * {@link ApiKeyFilter} decides), valid names, a well-formed Range, and an object found in this
 * server's own storage. A client's GET of an object not stored here is relayed by {@link
 * RelayedAnswer}, which answers it whatever the cluster says (never handing an asked request to
 * Jersey, which would relay it again). Anything else — a relayed request's miss, a HEAD's miss, a
 * refusal, a local error, a proxy server — goes on to Jersey untouched, which answers it as before.
 */
public final class ObjectFastPath extends Handler.Wrapper {
  static final String ROUTE = CvosPaths.OBJECTS + "/{bucket}/{key}";
  private static final String PREFIX = CvosPaths.OBJECTS + "/";

  private final ClusterObjects objects;
  private final ApiKeys keys;
  private final RequestMetrics metrics;
  private final boolean storing;
  private final Counter answered;
  private final FastBodyWriter bodies = new FastBodyWriter();
  private final RelayedAnswer relayedAnswer;

  @Inject
  public ObjectFastPath(ClusterObjects objects, AuthConfig auth, PeerConfig peer, ServerConfig server,
      RequestMetrics metrics, MeterRegistry registry) {
    this.objects = objects;
    this.relayedAnswer = new RelayedAnswer(objects);
    this.answered = Counter.builder("cvos.http.fast.answered")
        .description("object GETs and HEADs answered straight from the store, before Jersey").register(registry);
    this.keys = new ApiKeys(auth, peer);
    this.metrics = metrics;
    this.storing = server.role().stores();
  }

  /** The names of an object path, or null when the request is not one the fast path takes. */
  private record Target(String bucket, String key, boolean relayed) {}

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    boolean head = "HEAD".equals(method);
    if (!storing || !(head || "GET".equals(method))) {
      return super.handle(request, response, callback);
    }
    Target target = target(request);
    if (target == null) {
      return super.handle(request, response, callback);
    }
    long start = System.nanoTime();
    Callback counted = new Counted(callback, method, response, start);
    boolean answered = head ? head(target, request, response, counted) : get(target, request, response, counted);
    return answered || super.handle(request, response, callback);
  }

  private Target target(Request request) {
    HttpURI uri = request.getHttpURI();
    String path = uri.getPath();
    if (uri.getQuery() != null || uri.hasViolations() || path == null || !path.startsWith(PREFIX)) {
      return null;
    }
    int slash = path.indexOf('/', PREFIX.length());
    if (slash <= PREFIX.length() || slash == path.length() - 1) {
      return null;
    }
    HttpFields headers = request.getHeaders();
    String authorization = headers.get(HttpHeader.AUTHORIZATION);
    boolean relayed = headers.get(CvosHeaders.RELAYED) != null;
    if (relayed ? !keys.peerAllowed(authorization) : !keys.clientAllowed(authorization)) {
      return null;
    }
    try {
      return new Target(RawNames.decode(path.substring(PREFIX.length(), slash)),
          RawNames.decode(path.substring(slash + 1)), relayed);
    } catch (ApiException e) {
      return null;
    }
  }

  /** False when Jersey is to answer; true when the answer is under way (and ends the callback). */
  private boolean get(Target target, Request request, Response response, Callback callback) throws IOException {
    String rangeHeader = request.getHeaders().get(HttpHeader.RANGE);
    String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
    ByteRange range;
    StoredObject object;
    long version;
    try {
      range = RangeHeader.parse(rangeHeader);
    } catch (RuntimeException e) {
      return false;
    }
    try {
      // This server's storage first: a miss of a client's request may be on a peer.
      Located<StoredObject> here = objects.open(target.bucket(), target.key(), range, true);
      object = here.value();
      version = here.version();
    } catch (ObjectOperationException e) {
      if (e.code() != ObjectErrorCode.NOT_FOUND || target.relayed()) {
        return false;
      }
      relayedAnswer.get(target.bucket(), target.key(), range, rangeHeader, ifNoneMatch, response, callback);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
    if (!(object.body() instanceof ReadableByteChannel body)) {
      object.close();
      return false;
    }
    ObjectMetadata m = object.metadata();
    if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, m.sha256())) {
      object.close();
      notModified(response, m, Optional.empty(), callback);
      return true;
    }
    HttpFields.Mutable headers = response.getHeaders();
    headers(headers, m, Optional.empty());
    version(headers, version);
    if (rangeHeader != null) {
      headers.put(HttpHeader.CONTENT_RANGE,
          "bytes " + object.range().offset() + "-" + object.range().last() + "/" + m.size());
    }
    headers.put(HttpHeader.CONTENT_LENGTH, object.range().length());
    response.setStatus(rangeHeader == null ? 200 : 206);
    bodies.write(object, body, response, callback);
    return true;
  }

  private boolean head(Target target, Request request, Response response, Callback callback) {
    ObjectMetadata m;
    long version;
    try {
      Located<ObjectMetadata> here = objects.metadata(target.bucket(), target.key(), true);
      m = here.value();
      version = here.version();
    } catch (ObjectOperationException | RuntimeException e) {
      return false;
    }
    String ifNoneMatch = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
    if (ifNoneMatch != null && EntityTags.matches(ifNoneMatch, m.sha256())) {
      notModified(response, m, Optional.empty(), callback);
      return true;
    }
    HttpFields.Mutable headers = response.getHeaders();
    headers(headers, m, Optional.empty());
    version(headers, version);
    headers.put(HttpHeader.CONTENT_LENGTH, m.size());
    response.setStatus(200);
    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    return true;
  }

  /** The headers of an object's answer, as {@link ObjectResource} writes them. */
  static void headers(HttpFields.Mutable headers, ObjectMetadata m, Optional<String> source) {
    source.ifPresent(peer -> headers.put(CvosHeaders.SOURCE, peer));
    headers.put(HttpHeader.CONTENT_TYPE, ObjectHeaders.contentType(m.contentType()));
    headers.put(HttpHeader.ETAG, EntityTags.of(m.sha256()));
    headers.put(HttpHeader.LAST_MODIFIED, ObjectHeaders.httpDate(m.created()));
    headers.put(CvosHeaders.CREATED, m.created().toString());
    headers.put(HttpHeader.ACCEPT_RANGES, "bytes");
    if (m.expires() != null) {
      headers.put(CvosHeaders.EXPIRES, m.expires().toString());
      headers.put(HttpHeader.EXPIRES, ObjectHeaders.httpDate(m.expires()));
    }
  }

  /** {@code X-Cvos-Version} when the object's catalog version is known (greater than 0). */
  static void version(HttpFields.Mutable headers, long version) {
    if (version > 0) {
      headers.put(CvosHeaders.VERSION, Long.toString(version));
    }
  }

  static void notModified(Response response, ObjectMetadata m, Optional<String> source, Callback callback) {
    HttpFields.Mutable headers = response.getHeaders();
    source.ifPresent(peer -> headers.put(CvosHeaders.SOURCE, peer));
    headers.put(HttpHeader.ETAG, EntityTags.of(m.sha256()));
    headers.put(HttpHeader.LAST_MODIFIED, ObjectHeaders.httpDate(m.created()));
    headers.put(HttpHeader.CONTENT_LENGTH, 0L);
    response.setStatus(304);
    response.write(true, BufferUtil.EMPTY_BUFFER, callback);
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
