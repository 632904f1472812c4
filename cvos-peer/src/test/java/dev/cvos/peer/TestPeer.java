package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.RangeNotSatisfiableException;
import dev.cvos.storage.spi.ResolvedRange;
import java.io.OutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * A real Jetty 12 HTTPS server on 127.0.0.1, port 0, that plays a CVOS peer answering relayed
 * requests: it serves objects ({@code small}, {@code big}, with ranges), answers 404 {@code
 * not_found}, hangs, redirects, challenges (401 with {@code WWW-Authenticate}), fails with 500, drops the connection, answers a bare HTML 404 and a 200
 * without object headers, and records the headers of every request it gets.
 */
final class TestPeer implements AutoCloseable {
  static final String PEER_KEY = "cluster-secret-for-tests";
  static final long BIG_SIZE = 256L * 1024 * 1024;
  static final Instant CREATED = Instant.parse("2026-11-26T08:00:00.123456Z");
  static final Instant EXPIRES = Instant.parse("2026-11-27T08:00:00Z");

  private final Server server = new Server();
  private final String id;
  private final String bigSha256;
  final List<HttpFields> requests = new CopyOnWriteArrayList<>();
  final List<String> uris = new CopyOnWriteArrayList<>();
  final CountDownLatch release = new CountDownLatch(1);
  /** Keys this peer answers 404 for, whatever else it serves. */
  final java.util.Set<String> absent = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Keys this peer hangs on until closed. */
  final java.util.Set<String> hanging = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Bodies of {@code big} written to the end, and ones whose client went away first. */
  final java.util.concurrent.atomic.AtomicInteger bigCompleted = new java.util.concurrent.atomic.AtomicInteger();
  final java.util.concurrent.atomic.AtomicInteger bigAborted = new java.util.concurrent.atomic.AtomicInteger();

  TestPeer(String id, TestCertificates certificates, String bigSha256) throws Exception {
    this.id = id;
    this.bigSha256 = bigSha256;
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(certificates.keystore().toString());
    tls.setKeyStorePassword(certificates.password());
    tls.setKeyStoreType("PKCS12");
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new SecureRequestCustomizer());
    ServerConnector connector = new ServerConnector(server,
        new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new PeerHandler());
    server.start();
  }

  int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  ServerRecord record() {
    return new ServerRecord(id, URI.create("https://127.0.0.1:" + port()), ServerRole.REDUNDANT_SECONDARY,
        StorageMode.LOCAL, "0.1.0", Instant.now());
  }

  @Override
  public void close() {
    release.countDown();
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("the test peer does not stop", e);
    }
  }

  private final class PeerHandler extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      requests.add(HttpFields.build(request.getHeaders()).asImmutable());
      uris.add(request.getHttpURI().asString());
      response.getHeaders().put(CvosHeaders.SERVER, id);
      if (!("Bearer " + PEER_KEY).equals(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
        return error(response, callback, 401, "unauthorized");
      }
      String path = Request.getPathInContext(request);
      String method = request.getMethod();
      if (path.equals("/v1/objects/img") && method.equals("GET")) {
        return json(response, callback, 200, "{\"items\":[{\"bucket\":\"img\",\"key\":\"small\",\"size\":20,"
            + "\"sha256\":\"" + TestObjects.SMALL_SHA256 + "\",\"contentType\":\"text/plain\","
            + "\"created\":\"" + CREATED + "\",\"expires\":null}],\"next\":\"small\"}");
      }
      String key = path.substring("/v1/objects/img/".length());
      if (hanging.contains(key)) {
        release.await(60, TimeUnit.SECONDS);
      }
      if (absent.contains(key)) {
        return error(response, callback, 404, "not_found");
      }
      switch (key) {
        case "small":
          if (method.equals("DELETE")) {
            response.setStatus(204);
            callback.succeeded();
            return true;
          }
          return object(request, response, callback, TestObjects.SMALL.length, TestObjects.SMALL_SHA256,
              (out, range) -> out.write(TestObjects.SMALL, (int) range.offset(), (int) range.length()));
        case "big":
          return object(request, response, callback, BIG_SIZE, bigSha256, (out, range) -> {
            try {
              TestObjects.writePattern(out, range.offset(), range.length());
              bigCompleted.incrementAndGet();
            } catch (java.io.IOException e) {
              bigAborted.incrementAndGet();
              throw e;
            }
          });
        case "hang":
          release.await(60, TimeUnit.SECONDS);
          return error(response, callback, 404, "not_found");
        case "broken":
          return error(response, callback, 500, "internal");
        case "drop":
          request.getConnectionMetaData().getConnection().getEndPoint().close();
          callback.failed(new java.io.EOFException("dropped by the test peer"));
          return true;
        case "redirect":
          // to an object this peer serves: a client that followed it would find the object
          response.setStatus(302);
          response.getHeaders().put(HttpHeader.LOCATION, "https://127.0.0.1:" + port() + "/v1/objects/img/small");
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
          callback.succeeded();
          return true;
        case "challenge":
          response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"cvos-test\"");
          return error(response, callback, 401, "unauthorized");
        case "html404":
          response.setStatus(404);
          response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
          response.write(true, ByteBuffer.wrap("<html>no</html>".getBytes(StandardCharsets.UTF_8)), callback);
          return true;
        case "no-etag":
          response.setStatus(200);
          response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 2L);
          response.write(true, ByteBuffer.wrap(new byte[] {1, 2}), callback);
          return true;
        default:
          return error(response, callback, 404, "not_found");
      }
    }

    private boolean object(Request request, Response response, Callback callback, long size,
        String sha256, BodyWriter writer) throws Exception {
      ByteRange range = parseRange(request.getHeaders().get(HttpHeader.RANGE));
      ResolvedRange resolved;
      try {
        resolved = range.resolve(size);
      } catch (RangeNotSatisfiableException e) {
        response.getHeaders().put(HttpHeader.CONTENT_RANGE, "bytes */" + size);
        return error(response, callback, 416, "range_not_satisfiable");
      }
      HttpFields.Mutable headers = response.getHeaders();
      headers.put(HttpHeader.CONTENT_TYPE, "text/plain");
      headers.put(HttpHeader.ETAG, "\"" + sha256 + "\"");
      headers.put(HttpHeader.LAST_MODIFIED, "Thu, 26 Nov 2026 08:00:00 GMT");
      headers.put(CvosHeaders.CREATED, CREATED.toString());
      headers.put(CvosHeaders.EXPIRES, EXPIRES.toString());
      headers.put(HttpHeader.CONTENT_LENGTH, resolved.length());
      if (range.kind() != ByteRange.Kind.ALL) {
        response.setStatus(206);
        headers.put(HttpHeader.CONTENT_RANGE, "bytes " + resolved.offset() + "-" + resolved.last() + "/" + size);
      } else {
        response.setStatus(200);
      }
      if (request.getMethod().equals("HEAD")) {
        callback.succeeded();
        return true;
      }
      try (OutputStream out = Content.Sink.asOutputStream(response)) {
        writer.write(out, resolved);
      }
      callback.succeeded();
      return true;
    }

    private ByteRange parseRange(String header) {
      if (header == null) {
        return ByteRange.ALL;
      }
      String spec = header.substring("bytes=".length());
      int dash = spec.indexOf('-');
      if (dash == 0) {
        return ByteRange.suffix(Long.parseLong(spec.substring(1)));
      }
      long first = Long.parseLong(spec.substring(0, dash));
      return dash == spec.length() - 1 ? ByteRange.from(first)
          : ByteRange.closed(first, Long.parseLong(spec.substring(dash + 1)));
    }

    private boolean error(Response response, Callback callback, int status, String code) {
      return json(response, callback, status, "{\"error\":\"" + code + "\",\"message\":\"test peer says " + code + "\"}");
    }

    private boolean json(Response response, Callback callback, int status, String body) {
      response.setStatus(status);
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
      response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
      return true;
    }
  }

  @FunctionalInterface
  private interface BodyWriter {
    void write(OutputStream out, ResolvedRange range) throws Exception;
  }
}
