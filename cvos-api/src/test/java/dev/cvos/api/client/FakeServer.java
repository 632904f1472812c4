package dev.cvos.api.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 (the JDK's) that answers every request with what a test says,
 * and records what it received: for the client's own behaviour (failing over, paging, errors)
 * without a CVOS server.
 */
final class FakeServer implements AutoCloseable {
  /** A received request: method, path with query, and how many body bytes arrived. */
  record Received(String method, String uri, long bodyBytes) {}

  /** What to answer. */
  @FunctionalInterface
  interface Answer {
    void answer(HttpExchange exchange) throws IOException;
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();

  FakeServer(String id, Answer answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      long bodyBytes;
      try (InputStream in = exchange.getRequestBody()) {
        bodyBytes = in.transferTo(OutputDiscard.INSTANCE);
      }
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(), bodyBytes));
      exchange.getResponseHeaders().add("X-Cvos-Server", id);
      answer.answer(exchange);
      exchange.close();
    });
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return received;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** Sends {@code status} with a JSON body (none for HEAD) and these extra headers. */
  static void json(HttpExchange exchange, int status, String body, Map<String, String> headers) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    headers.forEach(exchange.getResponseHeaders()::add);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  /** The JSON of an {@code ObjectInfo}. */
  static String info(String bucket, String key) {
    return "{\"bucket\":\"" + bucket + "\",\"key\":\"" + key + "\",\"size\":1,\"sha256\":\"" + "ab".repeat(32)
        + "\",\"contentType\":\"text/plain\",\"created\":\"2026-11-26T10:00:00Z\",\"expires\":null}";
  }

  /** Discards what is written to it. */
  private static final class OutputDiscard extends java.io.OutputStream {
    static final OutputDiscard INSTANCE = new OutputDiscard();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
