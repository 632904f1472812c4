package dev.cvos.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.TestingCvosServer;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whatever method, path or key a client sends, the request metric gets a bounded number of
 * series: unknown methods, unmatched routes and refused requests share a few fixed label values.
 */
class MetricsCardinalityTest {
  private static final String AUTH = "Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\n";

  private static TestingCvosServer server;
  private static RawHttps raw;

  @BeforeAll
  static void start() throws Exception {
    server = TestingCvosServer.start();
    raw = new RawHttps(server.httpsUri(), server.certificate());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void randomMethodsAndPathsWithAndWithoutAKeyAddOnlyAFewSeries() throws Exception {
    Random random = new Random(15);
    for (int i = 0; i < 50; i++) {
      raw.send("GET", "/v1/objects/b/k" + i, AUTH, "");
    }
    int before = requestSeries().size();
    for (int i = 0; i < 60; i++) {
      String method = randomMethod(random);
      String path = "/" + Long.toHexString(random.nextLong()) + "/" + Long.toHexString(random.nextLong());
      raw.send(method, path, "", "");
      raw.send(method, "/v1/objects/b/" + Long.toHexString(random.nextLong()), "", "");
      raw.send(method, "/v1/objects/b/k", AUTH, "");
      raw.send(method, path, AUTH, "");
    }
    Set<String> after = requestSeries();
    assertThat(after.size() - before).as("series added by 240 random requests").isLessThanOrEqualTo(12);
    assertThat(after).as("series").allSatisfy(series -> assertThat(series).containsPattern("method=\"(GET|HEAD|PUT|POST|DELETE|"
        + "OPTIONS|PATCH|other)\""));
  }

  private static String randomMethod(Random random) {
    StringBuilder method = new StringBuilder();
    for (int i = 0; i < 3 + random.nextInt(8); i++) {
      method.append((char) ('A' + random.nextInt(26)));
    }
    return method.toString();
  }

  private static Set<String> requestSeries() throws Exception {
    String metrics = raw.send("GET", "/metrics", "", "").body();
    Set<String> series = new TreeSet<>();
    for (String line : metrics.split("\n")) {
      if (line.startsWith("cvos_http_requests_seconds_count{")) {
        series.add(line.substring(0, line.indexOf('}') + 1));
      }
    }
    return series;
  }
}
