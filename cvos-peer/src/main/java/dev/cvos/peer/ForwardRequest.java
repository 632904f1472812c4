package dev.cvos.peer;

import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A client's request as it is forwarded: method, raw path and query, headers, and the body.
 *
 * @param method the HTTP method
 * @param rawPathAndQuery the path with its percent-encoding as the client sent it, and the query
 *     ({@code /v1/objects/b/k?x=1}); it must start with {@code /}
 * @param headers the client's headers, in order; hop-by-hop ones are dropped when forwarding
 * @param body the body, read only once the storing server asks for it; null for none
 * @param contentLength the body's length, or -1 when unknown (it is then sent chunked)
 */
public record ForwardRequest(
    String method, String rawPathAndQuery, List<Map.Entry<String, String>> headers, InputStream body,
    long contentLength) {

  public ForwardRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(rawPathAndQuery, "rawPathAndQuery");
    headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    if (!rawPathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("the path must start with '/': " + rawPathAndQuery);
    }
  }

  /** Whether a body goes with the request. */
  public boolean hasBody() {
    return body != null;
  }
}
