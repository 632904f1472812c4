package dev.cvos.server.http;

import dev.cvos.api.CvosHeaders;
import dev.cvos.api.CvosPaths;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request between the moment Jetty hands it to the application and the moment its answer is
 * complete (its callback ran), which is what a graceful stop waits for: the gauge {@code
 * cvos_http_requests_in_flight{route=...}} by route class, a WARN line for any request older than
 * {@code http.old-request-log-after} (method, route class, age, remote address: never the path,
 * which holds keys, nor a header), and the list of what is left when a stop runs out of grace.
 *
 * <p>The route class is one of a fixed set ({@link RouteClass}), whatever the client sends, so the
 * number of series stays bounded. See docs/architecture.md#requests-in-flight.
 */
public final class InFlightRequests extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightRequests.class);
  private static final String OBJECTS = CvosPaths.OBJECTS + "/";

  /** What a request is for, as a fixed label value. */
  public enum RouteClass {
    /** a client's GET, HEAD, PUT, POST or DELETE of one object (or a POST to a bucket) */
    OBJECT,
    /** a peer's relayed request of one object ({@code X-Cvos-Relayed}) */
    OBJECT_RELAYED,
    /** a listing of a bucket */
    LISTING,
    /** {@code /health/...} */
    HEALTH,
    /** {@code /metrics} */
    METRICS,
    /** anything else: {@code /v1/cluster}, the OpenAPI document, unknown paths */
    OTHER;

    /** The label value: lower case, dashes. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Set<InFlight> requests = ConcurrentHashMap.newKeySet();
  private final Map<RouteClass, AtomicInteger> counts = new EnumMap<>(RouteClass.class);
  private final Duration logAfter;
  private volatile Scheduler.Task watch;

  public InFlightRequests(Handler handler, MeterRegistry registry, Duration logAfter) {
    super(handler);
    this.logAfter = logAfter;
    for (RouteClass route : RouteClass.values()) {
      AtomicInteger count = new AtomicInteger();
      counts.put(route, count);
      Gauge.builder("cvos.http.requests.in.flight", count, AtomicInteger::get)
          .description("requests whose answer is not complete yet, by route class")
          .tag("route", route.label())
          .register(registry);
    }
  }

  /** One request in flight; identity equality. */
  private static final class InFlight {
    final String method;
    final RouteClass route;
    final long startNanos = System.nanoTime();
    final String remote;
    final AtomicBoolean done = new AtomicBoolean();
    volatile boolean logged;

    InFlight(String method, RouteClass route, String remote) {
      this.method = method;
      this.route = route;
      this.remote = remote;
    }

    Duration age(long now) {
      return Duration.ofNanos(now - startNanos);
    }

    String describe(long now) {
      return method + " " + route.label() + " from " + remote + ", " + age(now).toMillis() + " ms old";
    }
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    InFlight entry = new InFlight(method(request.getMethod()), routeClass(request),
        remote(request.getConnectionMetaData().getRemoteSocketAddress()));
    add(entry);
    boolean handled;
    try {
      handled = super.handle(request, response, new Callback.Nested(callback) {
        @Override
        public void succeeded() {
          remove(entry);
          super.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
          remove(entry);
          super.failed(failure);
        }
      });
    } catch (Throwable t) {
      remove(entry);
      throw t;
    }
    if (!handled) {
      remove(entry);
    }
    return handled;
  }

  private void add(InFlight entry) {
    requests.add(entry);
    counts.get(entry.route).incrementAndGet();
  }

  private void remove(InFlight entry) {
    if (entry.done.compareAndSet(false, true)) {
      requests.remove(entry);
      counts.get(entry.route).decrementAndGet();
      if (entry.logged) {
        LOG.info("the old request {} {} finished after {} ms", entry.method, entry.route.label(),
            entry.age(System.nanoTime()).toMillis());
      }
    }
  }

  /** The requests in flight now. */
  public int count() {
    return requests.size();
  }

  /** The requests in flight, oldest first, described without paths or headers (at most {@code max}). */
  public List<String> describe(int max) {
    long now = System.nanoTime();
    List<InFlight> all = new ArrayList<>(requests);
    all.sort(Comparator.comparingLong(r -> r.startNanos));
    List<String> out = new ArrayList<>();
    for (InFlight entry : all.subList(0, Math.min(max, all.size()))) {
      out.add(entry.describe(now));
    }
    return out;
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    scheduleWatch();
  }

  @Override
  protected void doStop() throws Exception {
    Scheduler.Task task = watch;
    if (task != null) {
      task.cancel();
    }
    super.doStop();
  }

  private void scheduleWatch() {
    long period = Math.max(100, Math.min(10_000, logAfter.toMillis() / 4));
    watch = getServer().getScheduler().schedule(this::logOld, period, TimeUnit.MILLISECONDS);
  }

  /** Logs, once each, the requests that passed the age threshold; runs on Jetty's scheduler. */
  private void logOld() {
    try {
      long now = System.nanoTime();
      for (InFlight entry : requests) {
        if (!entry.logged && entry.age(now).compareTo(logAfter) >= 0) {
          entry.logged = true;
          LOG.warn("request in flight for more than {} ms: {}", logAfter.toMillis(), entry.describe(now));
        }
      }
    } finally {
      if (isRunning()) {
        scheduleWatch();
      }
    }
  }

  static RouteClass routeClass(Request request) {
    String path = request.getHttpURI().getPath();
    if (path == null) {
      return RouteClass.OTHER;
    }
    if (path.startsWith(OBJECTS)) {
      int slash = path.indexOf('/', OBJECTS.length());
      if (slash < 0 || slash == path.length() - 1) {
        return "POST".equals(request.getMethod()) ? RouteClass.OBJECT : RouteClass.LISTING;
      }
      return request.getHeaders().contains(CvosHeaders.RELAYED) ? RouteClass.OBJECT_RELAYED : RouteClass.OBJECT;
    }
    if (path.startsWith("/health")) {
      return RouteClass.HEALTH;
    }
    if (path.equals("/metrics")) {
      return RouteClass.METRICS;
    }
    return RouteClass.OTHER;
  }

  /** The method when it is a standard one; any other becomes {@code OTHER} (never a client's text). */
  private static String method(String method) {
    return switch (method) {
      case "GET", "HEAD", "PUT", "POST", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT" -> method;
      default -> "OTHER";
    };
  }

  private static String remote(SocketAddress address) {
    if (address instanceof InetSocketAddress inet) {
      return (inet.getAddress() == null ? inet.getHostString() : inet.getAddress().getHostAddress()) + ":"
          + inet.getPort();
    }
    return String.valueOf(address);
  }
}
