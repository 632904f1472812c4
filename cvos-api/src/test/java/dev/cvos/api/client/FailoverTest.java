package dev.cvos.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.ErrorCode;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the client sends a request again to the next server, and when it must not. */
class FailoverTest {
  private static final String UNAVAILABLE = "{\"error\":\"unavailable\",\"message\":\"peer x did not answer\"}";

  private final FakeServer unavailable = new FakeServer("down",
      exchange -> FakeServer.json(exchange, 503, UNAVAILABLE, Map.of("Retry-After", "5")));
  private final FakeServer healthy = new FakeServer("up",
      exchange -> FakeServer.json(exchange, 201, FakeServer.info("b", "k"), Map.of()));
  private final FakeServer hangingUp = new FakeServer("reset", exchange -> {
    // the request arrived whole, and the connection closes without an answer
  });

  FailoverTest() throws IOException {}

  @AfterEach
  void stop() {
    unavailable.close();
    healthy.close();
    hangingUp.close();
  }

  private CvosClient clientOf(FakeServer... servers) throws Exception {
    CvosClientBuilder builder = CvosClient.builder().requestTimeout(Duration.ofSeconds(10));
    for (FakeServer server : servers) {
      builder.servers(server.uri());
    }
    return builder.build();
  }

  @Test
  void bytesRefusedWith503AreSentToTheNextServerWhichIsAskedFirstFromThenOn() throws Exception {
    CvosClient client = clientOf(unavailable, healthy);

    Written first = client.put("b", "k", ObjectBody.ofBytes(new byte[] {1, 2, 3}));
    Written second = client.put("b", "k", ObjectBody.ofBytes(new byte[] {4}));

    assertThat(first.server()).isEqualTo("up");
    assertThat(second.server()).isEqualTo("up");
    assertThat(unavailable.received()).hasSize(1);
    assertThat(healthy.received()).extracting(FakeServer.Received::bodyBytes).containsExactly(3L, 1L);
  }

  @Test
  void aStreamThatAServerReadBeforeRefusingIsNotSentAgain() throws Exception {
    CvosClient client = clientOf(unavailable, healthy);

    assertThatThrownBy(() -> client.put("b", "k", ObjectBody.ofStream(new ByteArrayInputStream(new byte[10]), 10)))
        .isInstanceOfSatisfying(UnavailableException.class, e -> {
          assertThat(e.serverId()).contains("down");
          assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
          assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
          assertThat(e.body().message()).isEqualTo("peer x did not answer");
        });
    assertThat(unavailable.received()).extracting(FakeServer.Received::bodyBytes).containsExactly(10L);
    assertThat(healthy.received()).isEmpty();
  }

  @Test
  void everyServerAnswering503IsUnavailableAfterEachWasAskedOnce() throws Exception {
    FakeServer alsoDown = new FakeServer("down-too",
        exchange -> FakeServer.json(exchange, 503, UNAVAILABLE, Map.of("Retry-After", "7")));
    try (alsoDown) {
      CvosClient client = clientOf(unavailable, alsoDown);

      assertThatThrownBy(() -> client.delete("b", "k"))
          .isInstanceOfSatisfying(UnavailableException.class, e -> {
            assertThat(e.serverId()).contains("down-too");
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
          });
      assertThat(unavailable.received()).hasSize(1);
      assertThat(alsoDown.received()).hasSize(1);
    }
  }

  @Test
  void aWriteWhoseAnswerIsLostIsNotSentAgain() throws Exception {
    CvosClient client = clientOf(hangingUp, healthy);

    assertThatThrownBy(() -> client.post("b", ObjectBody.ofBytes(new byte[] {1}), WriteOptions.none()))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(dev.cvos.api.CvosApiException.class);
    assertThat(healthy.received()).isEmpty();
  }

  @Test
  void aReadWhoseAnswerIsLostGoesToTheNextServer() throws Exception {
    FakeServer lister = new FakeServer("lister",
        exchange -> FakeServer.json(exchange, 200, "{\"items\":[],\"next\":null}", Map.of()));
    try (lister) {
      CvosClient client = clientOf(hangingUp, lister);

      assertThat(client.listPage("b", null, null, null).items()).isEmpty();
      assertThat(hangingUp.received()).isNotEmpty();
      assertThat(lister.received()).hasSize(1);
    }
  }

  @Test
  void aRefusedConnectionGoesToTheNextServerEvenWithAStream() throws Exception {
    java.net.URI closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = java.net.URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    CvosClient client = CvosClient.builder().servers(closed, healthy.uri()).build();

    Written written = client.put("b", "k", ObjectBody.ofStream(new ByteArrayInputStream(new byte[5]), 5));

    assertThat(written.server()).isEqualTo("up");
    assertThat(healthy.received()).extracting(FakeServer.Received::bodyBytes).containsExactly(5L);
  }
}
