package dev.cvos.api.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.api.ClusterView;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosJson;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Java client of a CVOS cluster (HTTP API v1): every object operation, listings, the cluster
 * view and health, on the JDK's HTTP client. Thread-safe; build one per cluster and share it
 * ({@link #builder()}).
 *
 * <p><b>Failing over.</b> The client is given one or more servers; any server of a cluster answers
 * every request. It asks the server that answered last (the first one at the start) and moves to
 * the next one in the list when
 *
 * <ul>
 *   <li>the connection is refused or not accepted within the connect timeout: nothing was sent,
 *       so any request may go to the next server;
 *   <li>the server answers {@code 503 unavailable}: it stored nothing, so the request may be
 *       sent again — if its body can be: bytes and files always, a stream only while none of it
 *       has been read (see {@link ObjectBody});
 *   <li>a read (GET, HEAD, a listing, the cluster view) fails in any other way before the answer
 *       arrives (a reset connection, the request timeout): reads change nothing.
 * </ul>
 *
 * <p>Each server is asked at most once per call. Anything else reaches the caller: an error
 * answer as a {@link dev.cvos.api.CvosApiException} subclass (with the contract's error code, the
 * HTTP status and the id of the answering server), and a failure after a write was sent as the
 * {@link IOException} it was — the write may or may not have been stored, and only the caller
 * knows whether repeating it is right (a PUT of the same bytes is; a POST makes a second object).
 * After {@link UnavailableException} (every server answered 503) retry later. Note that the JDK
 * keeps idle connections open: a write sent moments after a server died may go out on such a
 * connection and fail with an {@link IOException} (the failure is not a refused connection, so the
 * write is not sent again); the caller's retry goes to the next server.
 *
 * <p><b>Streaming.</b> Bodies are streamed both ways: no operation holds a whole object in memory
 * except {@link ObjectBody#ofBytes} and {@link #getBytes}, where the caller asked for bytes.
 */
public final class CvosClient {
  private final Transport transport;
  private final ObjectMapper json = CvosJson.newMapper();
  private final ErrorResponses errors = new ErrorResponses(json);
  private final Downloads downloads;

  CvosClient(Transport transport) {
    this.transport = transport;
    this.downloads = new Downloads(this);
  }

  /** A builder; give it at least one server. */
  public static CvosClientBuilder builder() {
    return new CvosClientBuilder();
  }

  /** The servers this client asks, in order. */
  public List<URI> servers() {
    return transport.servers();
  }

  /**
   * {@code PUT /v1/objects/{bucket}/{key}}: stores {@code body} under the key, replacing an object
   * there unless {@link WriteOptions#asCreateOnly()} was asked for.
   *
   * @throws PreconditionFailedException create-only, and the key exists somewhere in the cluster
   * @throws InvalidRequestException a bad name ({@code invalid_name}), or a body that does not hash
   *     to the given SHA-256 ({@code checksum_mismatch}; nothing was stored)
   */
  public Written put(String bucket, String key, ObjectBody body, WriteOptions options)
      throws IOException, InterruptedException {
    return written(send(new Transport.Call("PUT", CvosPaths.object(bucket, key), options.headers(), body)));
  }

  /** {@code PUT} without options: the server's default content type, no expiry, overwrite. */
  public Written put(String bucket, String key, ObjectBody body) throws IOException, InterruptedException {
    return put(bucket, key, body, WriteOptions.none());
  }

  /**
   * {@code POST /v1/objects/{bucket}}: stores {@code body} under a key the server generates ({@link
   * Written#info()}{@code .key()}; treat it as opaque).
   */
  public Written post(String bucket, ObjectBody body, WriteOptions options) throws IOException, InterruptedException {
    return written(send(new Transport.Call("POST", CvosPaths.bucket(bucket), options.headers(), body)));
  }

  /**
   * {@code GET}: the whole object, its body streamed from the connection. Close it.
   *
   * @throws NotFoundException no server has the object (or it expired)
   */
  public CvosObject get(String bucket, String key) throws IOException, InterruptedException {
    return read(bucket, key, Map.of()).orElseThrow();
  }

  /**
   * {@code GET} with {@code Range}: the bytes of {@code range} (a {@link CvosObject#isPartial()
   * partial} object), or the whole object when the range covers it.
   *
   * @throws RangeNotSatisfiableException the range holds no byte of the object
   */
  public CvosObject get(String bucket, String key, ByteRange range) throws IOException, InterruptedException {
    return read(bucket, key, Map.of("Range", range.header())).orElseThrow();
  }

  /**
   * A conditional {@code GET} ({@code If-None-Match}): the object if its SHA-256 is no longer
   * {@code sha256} (the copy the caller holds), or empty when it still is ({@code 304 Not
   * Modified}: the copy is current, and no body was sent).
   */
  public Optional<CvosObject> getIfChanged(String bucket, String key, String sha256)
      throws IOException, InterruptedException {
    return read(bucket, key, Map.of("If-None-Match", "\"" + sha256 + "\""));
  }

  /**
   * The whole object in memory, checked against its SHA-256. For objects the caller wants as
   * bytes (small ones); stream large ones with {@link #get} or {@link #download}.
   */
  public byte[] getBytes(String bucket, String key) throws IOException, InterruptedException {
    return downloads.bytes(bucket, key);
  }

  /**
   * Streams the object into {@code target} (replaced if it exists), through a temporary file next to
   * it that is moved into place only once every byte arrived and hashed to the object's SHA-256.
   */
  public ObjectInfo download(String bucket, String key, Path target) throws IOException, InterruptedException {
    return downloads.toFile(bucket, key, target);
  }

  /** {@code HEAD}: what the server tells about the object, or empty when no server has it. */
  public Optional<ObjectInfo> head(String bucket, String key) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = send(Transport.Call.of("HEAD", CvosPaths.object(bucket, key)));
    if (response.statusCode() != 200 && response.statusCode() != 404) {
      throw errors.failure(response);
    }
    response.body().close();
    return response.statusCode() == 404 ? Optional.empty()
        : Optional.of(ObjectHeaders.info(bucket, key, response.headers()));
  }

  /**
   * {@code DELETE}: removes every copy in the cluster.
   *
   * @return true when an object was deleted, false when no server had one
   */
  public boolean delete(String bucket, String key) throws IOException, InterruptedException {
    HttpResponse<InputStream> response = send(Transport.Call.of("DELETE", CvosPaths.object(bucket, key)));
    if (response.statusCode() == 204 || response.statusCode() == 404) {
      response.body().close();
      return response.statusCode() == 204;
    }
    throw errors.failure(response);
  }

  /** The objects of a bucket whose keys start with {@code prefix} (null for all), in key byte order. */
  public Stream<ObjectInfo> list(String bucket, String prefix) {
    return list(bucket, prefix, 1000);
  }

  /**
   * The objects of a bucket whose keys start with {@code prefix} (null for all), in key byte order,
   * fetched lazily {@code pageSize} (1 to 1000) at a time as the stream is consumed. A failed page
   * request throws {@link java.io.UncheckedIOException} from the stream, its cause the client's
   * exception.
   */
  public Stream<ObjectInfo> list(String bucket, String prefix, int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000, was " + pageSize);
    }
    ObjectListing listing = new ObjectListing(after -> listPage(bucket, prefix, after, pageSize));
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(listing,
        Spliterator.ORDERED | Spliterator.NONNULL | Spliterator.DISTINCT), false);
  }

  /**
   * One page of a listing: up to {@code limit} objects with keys after {@code after}; {@link
   * ObjectList#next()} is the {@code after} of the next page (null after the last). Null arguments
   * are left out.
   */
  public ObjectList listPage(String bucket, String prefix, String after, Integer limit)
      throws IOException, InterruptedException {
    return json(send(Transport.Call.of("GET", CvosPaths.listing(bucket, prefix, after, limit))), ObjectList.class);
  }

  /** {@code GET /v1/cluster}: the answering server, and every registered server with its state. */
  public ClusterView cluster() throws IOException, InterruptedException {
    return json(send(Transport.Call.of("GET", CvosPaths.CLUSTER)), ClusterView.class);
  }

  /** The liveness and readiness of every server of the list, each asked directly (no failing over). */
  public List<ServerHealth> health() throws InterruptedException {
    List<ServerHealth> all = new ArrayList<>();
    for (URI server : transport.servers()) {
      all.add(HealthProbe.ask(transport, server));
    }
    return all;
  }

  /** A GET whose answer is 200/206 (an object), 304 (empty), or an error thrown. */
  Optional<CvosObject> read(String bucket, String key, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpResponse<InputStream> response =
        send(new Transport.Call("GET", CvosPaths.object(bucket, key), headers, null));
    int status = response.statusCode();
    if (status == 304) {
      response.body().close();
      return Optional.empty();
    }
    if (status != 200 && status != 206) {
      throw errors.failure(response);
    }
    try {
      ObjectInfo info = ObjectHeaders.info(bucket, key, response.headers());
      long length = Long.parseLong(response.headers().firstValue("Content-Length").orElse("-1"));
      return Optional.of(new CvosObject(info, ObjectHeaders.offset(response.headers()), length,
          response.headers().firstValue(CvosHeaders.SERVER).orElse(null),
          response.headers().firstValue(CvosHeaders.SOURCE).orElse(null), response.body()));
    } catch (IOException | RuntimeException e) {
      response.body().close();
      throw e;
    }
  }

  private HttpResponse<InputStream> send(Transport.Call call) throws IOException, InterruptedException {
    return transport.send(call);
  }

  private Written written(HttpResponse<InputStream> response) throws IOException {
    ObjectInfo info = json(response, ObjectInfo.class);
    return new Written(response.statusCode(), info, response.headers().firstValue("Location").orElse(null),
        response.headers().firstValue(CvosHeaders.SERVER).orElse(null));
  }

  private <T> T json(HttpResponse<InputStream> response, Class<T> type) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw errors.failure(response);
    }
    try (InputStream in = response.body()) {
      return json.readValue(in, type);
    }
  }
}
