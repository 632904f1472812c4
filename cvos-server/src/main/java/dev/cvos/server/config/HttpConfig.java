package dev.cvos.server.config;

import java.time.Duration;

/**
 * The HTTP server: {@code http.*}.
 *
 * <ul>
 *   <li>{@code http.host}: the address to listen on; default {@code 0.0.0.0} (every interface).
 *   <li>{@code http.https-port}: the HTTPS port for clients and peers; default 8443; 0 picks a
 *       free port.
 *   <li>{@code http.plain.enabled}: also serve clients on plain HTTP; default false.
 *   <li>{@code http.plain.port}: the plain HTTP port; default 8080.
 *   <li>{@code http.max-object-size}: the largest body accepted (413 beyond); default {@code 10g}.
 *   <li>{@code http.shutdown-grace}: how long a stopping server lets requests in flight finish;
 *       default {@code 30s}.
 *   <li>{@code http.idle-timeout}: how long a connection may send or receive nothing; default
 *       {@code 60s}.
 *   <li>{@code http.max-threads}: the request thread pool's size; default 200.
 *   <li>{@code http.old-request-log-after}: a request still in flight after this long is logged
 *       once at WARN (method, route class, age, remote address); default {@code 60s}.
 *   <li>{@code http.max-queued}: the most requests waiting for a request thread (they wait at
 *       most {@code http.idle-timeout}, holding no thread); past it a new one is refused at once
 *       with 503 instead of queueing without end; default 1000.
 *   <li>{@code http.min-body-rate}: the slowest a request body may arrive, in bytes per second
 *       averaged from its first read; a slower body fails the request (nothing is stored) and frees its thread;
 *       default {@code 4k}; 0 turns the check off.
 * </ul>
 */
public final class HttpConfig {
  private final String host;
  private final int httpsPort;
  private final boolean plainEnabled;
  private final int plainPort;
  private final long maxObjectBytes;
  private final Duration shutdownGrace;
  private final Duration idleTimeout;
  private final int maxThreads;
  private final Duration oldRequestLogAfter;
  private final int maxQueued;
  private final long minBodyRate;

  public HttpConfig(ConfigValues values) {
    this.host = values.string("http.host", "0.0.0.0");
    this.httpsPort = values.integer("http.https-port", 8443, 0, 65535);
    this.plainEnabled = values.bool("http.plain.enabled", false);
    this.plainPort = values.integer("http.plain.port", 8080, 0, 65535);
    this.maxObjectBytes = DataSizes.read(values, "http.max-object-size", 10L << 30, 0, Long.MAX_VALUE);
    this.shutdownGrace = values.duration("http.shutdown-grace", Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1));
    this.idleTimeout = values.duration("http.idle-timeout", Duration.ofSeconds(60), Duration.ofSeconds(1), Duration.ofHours(1));
    this.maxThreads = values.integer("http.max-threads", 200, 8, 10_000);
    this.oldRequestLogAfter = values.duration("http.old-request-log-after", Duration.ofSeconds(60),
        Duration.ofMillis(100), Duration.ofDays(1));
    this.maxQueued = values.integer("http.max-queued", 1000, 16, 1_000_000);
    this.minBodyRate = DataSizes.read(values, "http.min-body-rate", 4L << 10, 0, 1L << 30);
  }

  public String host() {
    return host;
  }

  public int httpsPort() {
    return httpsPort;
  }

  public boolean plainEnabled() {
    return plainEnabled;
  }

  public int plainPort() {
    return plainPort;
  }

  public long maxObjectBytes() {
    return maxObjectBytes;
  }

  public Duration shutdownGrace() {
    return shutdownGrace;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public int maxThreads() {
    return maxThreads;
  }

  /** A request in flight longer than this is logged (once). */
  public Duration oldRequestLogAfter() {
    return oldRequestLogAfter;
  }

  public int maxQueued() {
    return maxQueued;
  }

  /** Bytes per second; 0 when not checked. */
  public long minBodyRate() {
    return minBodyRate;
  }
}
