package dev.cvos.api.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.api.CvosApiException;
import dev.cvos.api.ErrorCode;
import dev.cvos.api.ObjectInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How answers become results and exceptions, and how a listing is paged. */
class ResponsesTest {
  @Test
  void errorBodyBecomesTheExceptionOfItsStatusWithCodeMessageAndServer() throws Exception {
    try (FakeServer server = new FakeServer("s1", exchange -> FakeServer.json(exchange, 412,
        "{\"error\":\"precondition_failed\",\"message\":\"b/k exists\"}", Map.of()))) {
      CvosClient client = CvosClient.builder().servers(server.uri()).build();

      assertThatThrownBy(() -> client.put("b", "k", ObjectBody.ofBytes(new byte[1])))
          .isInstanceOfSatisfying(PreconditionFailedException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_FAILED);
            assertThat(e.status()).isEqualTo(412);
            assertThat(e.body().message()).isEqualTo("b/k exists");
            assertThat(e.serverId()).contains("s1");
          });
    }
  }

  @Test
  void anAnswerWithoutAnErrorBodyGetsTheCodeOfItsStatus() throws Exception {
    try (FakeServer server = new FakeServer("s1", exchange -> FakeServer.json(exchange, 502,
        "<html>bad gateway</html>", Map.of()))) {
      CvosClient client = CvosClient.builder().servers(server.uri()).build();

      assertThatThrownBy(() -> client.cluster())
          .isExactlyInstanceOf(CvosApiException.class)
          .satisfies(e -> {
            CvosApiException api = (CvosApiException) e;
            assertThat(api.status()).isEqualTo(502);
            assertThat(api.body().error()).isEqualTo("http_502");
            assertThat(api.body().message()).isEqualTo("<html>bad gateway</html>");
          });
    }
  }

  @Test
  void headIsEmptyOn404AndAnErrorWithoutBodyOtherwise() throws Exception {
    try (FakeServer server = new FakeServer("s1", exchange -> FakeServer.json(exchange,
        exchange.getRequestURI().getPath().endsWith("/missing") ? 404 : 401, "", Map.of()))) {
      CvosClient client = CvosClient.builder().servers(server.uri()).build();

      assertThat(client.head("b", "missing")).isEmpty();
      assertThatThrownBy(() -> client.head("b", "secret"))
          .isInstanceOfSatisfying(UnauthorizedException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    }
  }

  @Test
  void listingAsksForAPageOnlyWhenTheStreamReachesIt() throws Exception {
    List<String> keys = IntStream.range(0, 5).mapToObj(i -> "k" + i).toList();
    List<String> asked = new CopyOnWriteArrayList<>();
    try (FakeServer server = new FakeServer("s1", exchange -> {
      String query = exchange.getRequestURI().getRawQuery();
      asked.add(query);
      String after = query.contains("after=") ? query.replaceAll(".*after=([^&]*).*", "$1") : null;
      List<String> page = keys.stream().filter(k -> after == null || k.compareTo(after) > 0).limit(2).toList();
      String next = page.size() == 2 && !page.get(1).equals("k4") ? "\"" + page.get(1) + "\"" : "null";
      String items = page.stream().map(k -> FakeServer.info("b", k)).collect(Collectors.joining(","));
      FakeServer.json(exchange, 200, "{\"items\":[" + items + "],\"next\":" + next + "}", Map.of());
    })) {
      CvosClient client = CvosClient.builder().servers(server.uri()).build();

      assertThat(client.list("b", "k", 2).limit(3).map(ObjectInfo::key)).containsExactly("k0", "k1", "k2");
      assertThat(asked).containsExactly("prefix=k&limit=2", "prefix=k&after=k1&limit=2");

      asked.clear();
      assertThat(client.list("b", "k", 2).map(ObjectInfo::key)).containsExactlyElementsOf(keys);
      assertThat(asked).hasSize(3);
    }
  }
}
