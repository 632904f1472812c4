package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.server.testing.WireClient;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The in-flight gauge counts a request until its answer is complete, by route class; a request
 * older than {@code http.old-request-log-after} is named once (method, route class, age, remote
 * address) without its path, which holds the key.
 */
class InFlightRequestsTest {
  private static final Pattern OBJECT_IN_FLIGHT =
      Pattern.compile("(?m)^cvos_http_requests_in_flight\\{[^}]*route=\"object\"[^}]*}\\s+(\\S+)$");
  private final Logger logger = (Logger) LoggerFactory.getLogger(InFlightRequests.class);
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

  @AfterEach
  void release() {
    logger.detachAppender(lines);
  }

  @Test
  void aSlowUploadIsCountedAndNamedWithoutItsKeyUntilItEnds() throws Exception {
    lines.start();
    logger.addAppender(lines);
    try (TestingCvosServer cvos = TestingCvosServer.start(Map.of("http.old-request-log-after", "1s"))) {
      WireClient client = cvos.client();
      long size = 128 * 1024;
      CompletableFuture<Written> upload = CompletableFuture.supplyAsync(() -> {
        try {
          return client.put("inflight", "secret-key-name", BodyPublishers.fromPublisher(
              BodyPublishers.ofInputStream(() -> new PatternStream(size, 5, 32 * 1024)), size), WriteOptions.none());
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });

      await(() -> objectsInFlight(client) == 1, "the upload counted in flight");
      await(() -> messages().stream().anyMatch(m -> m.startsWith("request in flight for more than 1000 ms: PUT")),
          "the old upload named");
      String named = messages().stream().filter(m -> m.startsWith("request in flight for more than 1000 ms: PUT"))
          .findFirst().orElseThrow();
      assertThat(named).matches("request in flight for more than 1000 ms: PUT object from 127\\.0\\.0\\.1:\\d+, \\d+ ms old")
          .doesNotContain("secret").doesNotContain("inflight");

      assertThat(upload.get(60, TimeUnit.SECONDS).status()).isEqualTo(201);
      await(() -> objectsInFlight(client) == 0, "nothing in flight once the upload is answered");
      assertThat(messages()).anyMatch(m -> m.startsWith("the old request PUT object finished after"));
    }
  }

  private List<String> messages() {
    return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static int objectsInFlight(WireClient client) {
    try {
      String metrics = client.exchange("GET", "/metrics", Map.of(), BodyPublishers.noBody()).body();
      Matcher m = OBJECT_IN_FLIGHT.matcher(metrics);
      assertThat(m.find()).as("the object route's gauge").isTrue();
      return (int) Double.parseDouble(m.group(1));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now()).as(what).isBefore(deadline);
      Thread.sleep(50);
    }
  }
}
