package dev.cvos.server.http;

import com.google.inject.Inject;
import dev.cvos.server.config.ServerConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.NanoTime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code dev.cvos.server.access}: server id, method, path,
 * status, bytes in and out, duration in milliseconds, and the client's address. Also counts the
 * bytes received and sent ({@code cvos_http_received_bytes_total}, {@code cvos_http_sent_bytes_total}).
 */
public final class AccessLog implements RequestLog {
  private static final Logger LOG = LoggerFactory.getLogger("dev.cvos.server.access");

  private final String serverId;
  private final Counter received;
  private final Counter sent;

  @Inject
  public AccessLog(ServerConfig server, MeterRegistry registry) {
    this.serverId = server.id();
    this.received = Counter.builder("cvos.http.received").baseUnit("bytes")
        .description("request body bytes received").register(registry);
    this.sent = Counter.builder("cvos.http.sent").baseUnit("bytes")
        .description("response body bytes sent").register(registry);
  }

  @Override
  public void log(Request request, Response response) {
    long in = Request.getContentBytesRead(request);
    long out = Response.getContentBytesWritten(response);
    received.increment(in);
    sent.increment(out);
    if (LOG.isInfoEnabled()) {
      long millis = TimeUnit.NANOSECONDS.toMillis(NanoTime.since(request.getBeginNanoTime()));
      LOG.info("{} {} {} {} in={} out={} {}ms {}", serverId, request.getMethod(), request.getHttpURI().getPathQuery(),
          response.getStatus(), in, out, millis, Request.getRemoteAddr(request));
    }
  }
}
