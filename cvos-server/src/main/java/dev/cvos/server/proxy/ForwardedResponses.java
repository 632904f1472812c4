package dev.cvos.server.proxy;

import dev.cvos.api.CvosHeaders;
import dev.cvos.peer.Forwarded;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A storing server's answer as this server's response: the status and end-to-end headers as they
 * came, {@code X-Cvos-Source} naming the server that had the object (the storing server's own
 * {@code X-Cvos-Source} when it relayed, else that server), a {@code Location} pointing at this
 * server, and the body streamed through as the client reads it. ({@code X-Cvos-Server} stays this
 * server's: it answered the client.)
 */
final class ForwardedResponses {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardedResponses.class);

  private ForwardedResponses() {}

  static Response of(Forwarded answer, String method, URI baseUri) {
    Response.ResponseBuilder response = Response.status(answer.status());
    String source = answer.header(CvosHeaders.SOURCE);
    for (Map.Entry<String, String> header : answer.headers()) {
      String name = header.getKey();
      if (name.equalsIgnoreCase(CvosHeaders.SOURCE)) {
        continue;
      }
      response.header(name, name.equalsIgnoreCase("Location") ? local(header.getValue(), baseUri) : header.getValue());
    }
    response.header(CvosHeaders.SOURCE, source != null ? source : answer.serverId());
    boolean bodiless = method.equals(HttpMethod.HEAD) || answer.status() == 204 || answer.status() == 304
        || "0".equals(answer.header("Content-Length"));
    if (bodiless) {
      closeQuietly(answer);
      return response.build();
    }
    StreamingOutput body = out -> {
      try (answer) {
        answer.body().transferTo(out);
      }
    };
    return response.entity(body).build();
  }

  /** The same path on this server: a client that followed the storing server's URL would bypass it. */
  private static String local(String location, URI baseUri) {
    try {
      URI stored = URI.create(location);
      String base = baseUri.toString();
      String path = stored.getRawPath() + (stored.getRawQuery() == null ? "" : "?" + stored.getRawQuery());
      return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    } catch (IllegalArgumentException e) {
      return location;
    }
  }

  private static void closeQuietly(Forwarded answer) {
    try {
      answer.close();
    } catch (IOException e) {
      LOG.debug("closing a bodiless forwarded answer from {} failed", answer.serverId(), e);
    }
  }
}
