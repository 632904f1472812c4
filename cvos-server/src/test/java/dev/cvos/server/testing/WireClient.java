package dev.cvos.server.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cvos.api.ClusterView;
import dev.cvos.api.CvosApiException;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosJson;
import dev.cvos.api.CvosPaths;
import dev.cvos.api.ErrorBody;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.api.client.CvosTls;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The server tests' client of the wire: raw requests and answers, so a test can assert statuses and
 * headers exactly as they travel (the integrator's client, {@link dev.cvos.api.client.WireClient},
 * turns them into types and exceptions). Bodies stream both ways: uploads take a {@link
 * BodyPublisher} and downloads return the response stream. Error statuses become {@link
 * CvosApiException} with the parsed error body, except where a method returns the raw response.
 */
public final class WireClient {
  private final URI baseUri;
  private final String apiKey;
  private final HttpClient http;
  private final Duration requestTimeout;
  private final ObjectMapper json = CvosJson.newMapper();

  private WireClient(Builder builder) {
    this.baseUri = builder.baseUri;
    this.apiKey = builder.apiKey;
    this.requestTimeout = builder.requestTimeout;
    HttpClient.Builder http = HttpClient.newBuilder()
        .connectTimeout(builder.connectTimeout)
        .version(HttpClient.Version.HTTP_1_1);
    if (builder.sslContext != null) {
      http.sslContext(builder.sslContext);
    }
    this.http = http.build();
  }

  /** A builder for a client of the server at {@code baseUri} ({@code https://host:port}). */
  public static Builder builder(URI baseUri) {
    return new Builder(baseUri);
  }

  /** The server's base URI. */
  public URI baseUri() {
    return baseUri;
  }

  /** {@code PUT /v1/objects/{bucket}/{key}}. */
  public Written put(String bucket, String key, BodyPublisher body, WriteOptions options)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(CvosPaths.object(bucket, key)).PUT(body);
    return written(send(withWriteOptions(request, options)));
  }

  /** {@code POST /v1/objects/{bucket}}: the server picks the key. */
  public Written post(String bucket, BodyPublisher body, WriteOptions options)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(CvosPaths.bucket(bucket)).POST(body);
    return written(send(withWriteOptions(request, options)));
  }

  /**
   * {@code GET /v1/objects/{bucket}/{key}} with extra headers (such as {@code Range}); the raw
   * response, whatever its status, with the body as a stream the caller closes.
   */
  public HttpResponse<InputStream> get(String bucket, String key, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(CvosPaths.object(bucket, key)).GET();
    headers.forEach(request::header);
    return http.send(request.build(), BodyHandlers.ofInputStream());
  }

  /** {@code HEAD /v1/objects/{bucket}/{key}}: the raw response. */
  public HttpResponse<Void> head(String bucket, String key) throws IOException, InterruptedException {
    HttpRequest request = request(CvosPaths.object(bucket, key))
        .method("HEAD", BodyPublishers.noBody()).build();
    return http.send(request, BodyHandlers.discarding());
  }

  /**
   * {@code DELETE /v1/objects/{bucket}/{key}}.
   *
   * @return true when an object was deleted (204), false when none existed (404)
   */
  public boolean delete(String bucket, String key) throws IOException, InterruptedException {
    HttpResponse<String> response = send(request(CvosPaths.object(bucket, key)).DELETE());
    if (response.statusCode() == 204) {
      return true;
    }
    if (response.statusCode() == 404) {
      return false;
    }
    throw failure(response);
  }

  /** {@code GET /v1/objects/{bucket}?prefix=&after=&limit=}; null arguments are left out. */
  public ObjectList list(String bucket, String prefix, String after, Integer limit)
      throws IOException, InterruptedException {
    HttpResponse<String> response = send(request(CvosPaths.listing(bucket, prefix, after, limit)).GET());
    return parse(response, ObjectList.class);
  }

  /** {@code GET /v1/cluster}. */
  public ClusterView cluster() throws IOException, InterruptedException {
    return parse(send(request(CvosPaths.CLUSTER).GET()), ClusterView.class);
  }

  /**
   * Any request, for paths and methods the typed methods do not cover: {@code rawPath} is sent as
   * written (already encoded), with the API key unless {@code headers} has an Authorization.
   */
  public HttpResponse<String> exchange(String method, String rawPath, Map<String, String> headers,
      BodyPublisher body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + rawPath))
        .timeout(requestTimeout)
        .method(method, body);
    if (apiKey != null && !headers.containsKey("Authorization")) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    headers.forEach(request::header);
    return http.send(request.build(), BodyHandlers.ofString());
  }

  /** Parses an error body; a body that is not one becomes {@code invalid_request} with its text. */
  public ErrorBody errorBody(String body) {
    try {
      ErrorBody parsed = json.readValue(body, ErrorBody.class);
      if (parsed != null) {
        return parsed;
      }
    } catch (IOException | RuntimeException e) {
      return new ErrorBody("unparsable", body);
    }
    return new ErrorBody("unparsable", body);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path)).timeout(requestTimeout);
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return request;
  }

  private static HttpRequest.Builder withWriteOptions(HttpRequest.Builder request, WriteOptions options) {
    options.headers().forEach(request::header);
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private Written written(HttpResponse<String> response) throws IOException {
    ObjectInfo info = parse(response, ObjectInfo.class);
    return new Written(response.statusCode(), info,
        response.headers().firstValue("Location").orElse(null),
        response.headers().firstValue(CvosHeaders.SERVER).orElse(null));
  }

  private <T> T parse(HttpResponse<String> response, Class<T> type) throws IOException {
    if (response.statusCode() / 100 != 2) {
      throw failure(response);
    }
    return json.readValue(response.body(), type);
  }

  private CvosApiException failure(HttpResponse<String> response) {
    return new CvosApiException(response.statusCode(), errorBody(response.body()));
  }

  /** Builds a {@link WireClient}. */
  public static final class Builder {
    private final URI baseUri;
    private String apiKey;
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration requestTimeout = Duration.ofMinutes(10);

    private Builder(URI baseUri) {
      String base = Objects.requireNonNull(baseUri, "baseUri").toString();
      this.baseUri = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    }

    /** Sends {@code Authorization: Bearer <key>} on every request. */
    public Builder apiKey(String key) {
      this.apiKey = key;
      return this;
    }

    /** Uses this TLS context (trust material) for HTTPS. */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    /** Trusts the certificates of a trust store (and only them). */
    public Builder trustStore(KeyStore trustStore) throws GeneralSecurityException {
      this.sslContext = CvosTls.trusting(trustStore);
      return this;
    }

    /** Trusts the certificate in a PEM or DER file, such as a server's self-signed one. */
    public Builder trustCertificate(Path certificateFile) throws IOException, GeneralSecurityException {
      return trustStore(CvosTls.certificates(List.of(certificateFile)));
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public WireClient build() {
      return new WireClient(this);
    }
  }
}
