package dev.cvos.peer;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A storing server's answer to a forwarded request: its status and end-to-end headers, and its
 * body, which streams as it is read. Close it when done; closing before the end aborts the
 * exchange.
 *
 * @param serverId the storing server that answered
 * @param status the status
 * @param headers the end-to-end headers in order (hop-by-hop ones and {@code X-Cvos-Server}
 *     removed)
 * @param body the body, empty for HEAD, 204 and 304
 */
public record Forwarded(String serverId, int status, List<Map.Entry<String, String>> headers, InputStream body)
    implements AutoCloseable {

  public Forwarded {
    Objects.requireNonNull(serverId, "serverId");
    headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
    Objects.requireNonNull(body, "body");
  }

  /** The first value of a header (case-insensitive name), or null. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
