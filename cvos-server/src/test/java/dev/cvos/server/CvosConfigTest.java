package dev.cvos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CvosConfigTest {
  private static final Path SHIPPED = Path.of("src/main/dist/conf/cvos.yaml");
  private static final Path DEV = Path.of("src/main/dev/cvos-dev.yaml");

  @TempDir
  Path base;

  @Test
  void shippedConfigurationIsValidOnceAnApiKeyIsGiven() throws Exception {
    ConfigValues values = ConfigValues.load(SHIPPED, Map.of("CVOS_AUTH_API_KEYS", "a-key-of-sufficient-length"));
    CvosConfig config = CvosConfig.read(values, base);
    assertThat(config.http().httpsPort()).isEqualTo(8443);
    assertThat(config.auth().developmentMode()).isFalse();
  }

  @Test
  void shippedConfigurationRefusesToStartWithoutKeys() throws Exception {
    ConfigValues values = ConfigValues.load(SHIPPED, Map.of());
    assertThatThrownBy(() -> CvosConfig.read(values, base))
        .isInstanceOf(ConfigurationException.class).hasMessageContaining("auth.api-keys");
  }

  @Test
  void quickStartConfigurationIsDevelopmentModeWithPlainHttp() throws Exception {
    CvosConfig config = CvosConfig.read(ConfigValues.load(DEV, Map.of()), base);
    assertThat(config.auth().developmentMode()).isTrue();
    assertThat(config.http().plainEnabled()).isTrue();
    assertThat(config.http().plainPort()).isEqualTo(8080);
    assertThat(config.http().httpsPort()).isEqualTo(8443);
    assertThat(config.server().dataDir()).isEqualTo(base.resolve("var"));
  }

  @Test
  void everyProblemIsReportedTogetherWithUnknownKeysAndDidYouMean() throws Exception {
    Path file = base.resolve("cvos.yaml");
    Files.writeString(file, "http:\n  https-prot: 8443\n  max-object-size: huge\nauth:\n  development-mode: true\n"
        + "sweep:\n  interval: often\n");
    assertThatThrownBy(() -> CvosConfig.read(ConfigValues.load(file, Map.of()), base))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).contains("http.https-prot").contains("did you mean http.https-port"))
            .anySatisfy(p -> assertThat(p).startsWith("http.max-object-size"))
            .anySatisfy(p -> assertThat(p).startsWith("sweep.interval").contains("write a duration")));
  }

  @Test
  void defaultsGiveAStoringServerTimeToRelayBeforeASecondaryGivesUpOnIt() throws Exception {
    CvosConfig config = CvosConfig.read(ConfigValues.of(Map.of("auth.api-keys", "a-key-of-sufficient-length"), Map.of()),
        base);
    assertThat(config.proxy().acceptTimeout())
        .isGreaterThan(config.relay().policy().timeout().plus(config.relay().policy().margin()));
  }

  @Test
  void anAcceptTimeoutNoLongerThanTheRelayTimeoutPlusMarginIsRefusedNamingTheKeys() {
    ConfigValues values = ConfigValues.of(Map.of("auth.api-keys", "a-key-of-sufficient-length",
        "proxy.accept-timeout", "5s", "relay.timeout", "5s", "relay.margin", "250ms"), Map.of());
    assertThatThrownBy(() -> CvosConfig.read(values, base))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("proxy.accept-timeout").contains("5s")
                .contains("relay.timeout").contains("relay.margin").contains("5.25s")));
  }
}
