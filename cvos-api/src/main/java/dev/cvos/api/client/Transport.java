package dev.cvos.api.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a request to the servers of the list, failing over as {@link CvosClient} documents: to the
 * next server on a refused or timed-out connection (nothing was sent), on {@code 503} (the server
 * stored nothing), and for reads on any I/O failure before the answer. A request goes to each
 * server at most once; it is sent again only while its body can be sent whole. The server that
 * last answered is asked first next time.
 */
final class Transport {
  private final List<URI> servers;
  private final HttpClient http;
  private final String apiKey;
  private final Duration requestTimeout;
  private final AtomicInteger preferred = new AtomicInteger();

  Transport(List<URI> servers, HttpClient http, String apiKey, Duration requestTimeout) {
    this.servers = List.copyOf(servers);
    this.http = Objects.requireNonNull(http, "http");
    this.apiKey = apiKey;
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  List<URI> servers() {
    return servers;
  }

  /** One request: a method, an encoded path with its query, headers, and a body or null. */
  record Call(String method, String path, Map<String, String> headers, ObjectBody body) {
    Call {
      headers = Map.copyOf(headers);
    }

    static Call of(String method, String path) {
      return new Call(method, path, Map.of(), null);
    }

    boolean isRead() {
      return body == null && (method.equals("GET") || method.equals("HEAD"));
    }

    boolean resendable() {
      return body == null || body.resendable();
    }
  }

  /**
   * Sends {@code call} and returns the first answer that is not a {@code 503}, or the last {@code
   * 503} when every server gave one; the caller closes the answer's body.
   *
   * @throws NoServerReachableException when no server accepted a connection
   */
  HttpResponse<InputStream> send(Call call) throws IOException, InterruptedException {
    int first = preferred.get();
    List<URI> tried = new ArrayList<>();
    List<IOException> failures = new ArrayList<>();
    HttpResponse<InputStream> unavailable = null;
    for (int i = 0; i < servers.size(); i++) {
      if (i > 0 && !call.resendable()) {
        break;
      }
      int index = (first + i) % servers.size();
      URI server = servers.get(index);
      tried.add(server);
      HttpResponse<InputStream> response;
      try {
        response = http.send(request(server, call), BodyHandlers.ofInputStream());
      } catch (ConnectException | HttpConnectTimeoutException e) {
        failures.add(e);
        continue;
      } catch (IOException e) {
        if (!call.isRead()) {
          throw e;
        }
        failures.add(e);
        continue;
      }
      if (response.statusCode() != 503) {
        preferred.set(index);
        closeQuietly(unavailable);
        return response;
      }
      closeQuietly(unavailable);
      unavailable = response;
    }
    if (unavailable != null) {
      return unavailable;
    }
    IOException thrown = failures.stream().filter(e -> !isConnectFailure(e)).reduce((a, b) -> b)
        .orElseGet(() -> new NoServerReachableException(tried));
    failures.stream().filter(e -> e != thrown).forEach(thrown::addSuppressed);
    throw thrown;
  }

  private static boolean isConnectFailure(IOException e) {
    return e instanceof ConnectException || e instanceof HttpConnectTimeoutException;
  }

  /** Sends {@code call} to one server, without failing over; the caller closes the answer's body. */
  HttpResponse<InputStream> sendTo(URI server, Call call) throws IOException, InterruptedException {
    return http.send(request(server, call), BodyHandlers.ofInputStream());
  }

  private HttpRequest request(URI server, Call call) throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + call.path()))
        .timeout(requestTimeout)
        .method(call.method(), call.body() == null ? BodyPublishers.noBody() : call.body().publisher());
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    call.headers().forEach(request::header);
    return request.build();
  }

  private static void closeQuietly(HttpResponse<InputStream> response) {
    if (response == null) {
      return;
    }
    try {
      response.body().close();
    } catch (IOException e) {
      // a 503 answer being dropped for a better one: its body is of no interest
    }
  }
}
