package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cvos.domain.relay.Eventually;
import dev.cvos.server.testing.WireClient;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.CvosServer;
import dev.cvos.server.testing.TestingCvosServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The access log line per request, client errors without stacks, and the development-mode warning. */
class LoggingTest {
  private final Logger access = (Logger) LoggerFactory.getLogger("dev.cvos.server.access");
  private final Logger server = (Logger) LoggerFactory.getLogger(CvosServer.class);
  private final Logger errors = (Logger) LoggerFactory.getLogger(ErrorMapper.class);
  private final ListAppender<ILoggingEvent> accessLines = new ListAppender<>();
  private final ListAppender<ILoggingEvent> serverLines = new ListAppender<>();
  private final ListAppender<ILoggingEvent> errorLines = new ListAppender<>();
  private Level accessLevel;

  private void capture() {
    accessLevel = access.getLevel();
    access.setLevel(Level.INFO);
    errors.setLevel(Level.DEBUG);
    for (var pair : List.of(Map.entry(access, accessLines), Map.entry(server, serverLines), Map.entry(errors, errorLines))) {
      pair.getValue().start();
      pair.getKey().addAppender(pair.getValue());
    }
  }

  @AfterEach
  void release() {
    access.detachAppender(accessLines);
    server.detachAppender(serverLines);
    errors.detachAppender(errorLines);
    access.setLevel(accessLevel);
    errors.setLevel(null);
  }

  @Test
  void everyRequestGetsOneAccessLineWithServerMethodPathStatusBytesAndDuration() throws Exception {
    capture();
    try (TestingCvosServer cvos = TestingCvosServer.start()) {
      WireClient client = cvos.client();
      client.put("logs", "line", BodyPublishers.ofString("12345"), WriteOptions.none());
      client.get("logs", "absent", Map.of()).body().close();
      // a request's line is written once its answer is sent, after the client may have read it
      Eventually.within(Duration.ofSeconds(10), () ->
          assertThat(List.copyOf(accessLines.list)).extracting(ILoggingEvent::getFormattedMessage)
          .anySatisfy(line -> assertThat(line).matches(cvos.serverId() + " PUT /v1/objects/logs/line 201 in=5 out=\\d+ \\d+ms .*"))
          .anySatisfy(line -> assertThat(line).matches(cvos.serverId() + " GET /v1/objects/logs/absent 404 in=0 out=\\d+ \\d+ms .*")));
      Eventually.within(Duration.ofSeconds(10), () -> assertThat(List.copyOf(errorLines.list)).isNotEmpty()
          .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull()));
    }
  }

  @Test
  void developmentModeServesWithoutKeysAndSaysSoLoudly() throws Exception {
    capture();
    Map<String, String> devMode = new java.util.HashMap<>();
    devMode.put("auth.api-keys", null);
    devMode.put("auth.development-mode", "true");
    try (TestingCvosServer cvos = TestingCvosServer.start(devMode)) {
      HttpResponse<String> noKey = cvos.clientWithKey(null).exchange("PUT", "/v1/objects/dev/k", Map.of(),
          BodyPublishers.ofString("x"));
      assertThat(noKey.statusCode()).isEqualTo(201);
      assertThat(serverLines.list).anySatisfy(event -> {
        assertThat(event.getLevel()).isEqualTo(Level.WARN);
        assertThat(event.getFormattedMessage()).contains("DEVELOPMENT MODE");
      });
    }
  }
}
