package dev.cvos.server.config;

import static dev.cvos.server.config.ConfigAssertions.assertProblem;
import static dev.cvos.server.config.ConfigAssertions.values;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpConfigTest {
  @Test
  void defaults() throws Exception {
    ConfigValues values = values(Map.of());
    HttpConfig config = new HttpConfig(values);
    values.finish();
    assertThat(config.host()).isEqualTo("0.0.0.0");
    assertThat(config.httpsPort()).isEqualTo(8443);
    assertThat(config.plainEnabled()).isFalse();
    assertThat(config.plainPort()).isEqualTo(8080);
    assertThat(config.maxObjectBytes()).isEqualTo(10L << 30);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.maxThreads()).isEqualTo(200);
    assertThat(config.maxQueued()).isEqualTo(1000);
    assertThat(config.minBodyRate()).isEqualTo(4096);
  }

  @Test
  void explicitMapping() throws Exception {
    ConfigValues values = values(Map.of("http.host", "127.0.0.1", "http.https-port", "9443",
        "http.plain.enabled", "true", "http.plain.port", "9080", "http.max-object-size", "512m",
        "http.shutdown-grace", "5s", "http.idle-timeout", "2m", "http.max-threads", "50",
        "http.max-queued", "64", "http.min-body-rate", "0"));
    HttpConfig config = new HttpConfig(values);
    values.finish();
    assertThat(config.host()).isEqualTo("127.0.0.1");
    assertThat(config.httpsPort()).isEqualTo(9443);
    assertThat(config.plainEnabled()).isTrue();
    assertThat(config.plainPort()).isEqualTo(9080);
    assertThat(config.maxObjectBytes()).isEqualTo(512L << 20);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(config.maxThreads()).isEqualTo(50);
    assertThat(config.maxQueued()).isEqualTo(64);
    assertThat(config.minBodyRate()).isZero();
  }

  @Test
  void sizesTakeUnitsAndBadOnesAreReported() throws Exception {
    ConfigValues plain = values(Map.of("http.max-object-size", "1048576"));
    assertThat(new HttpConfig(plain).maxObjectBytes()).isEqualTo(1048576);
    ConfigValues bad = values(Map.of("http.max-object-size", "lots", "http.https-port", "70000"));
    new HttpConfig(bad);
    assertProblem(bad, "http.max-object-size", "write a size such as");
    assertProblem(bad, "http.https-port", "between 0 and 65535");
  }
}
