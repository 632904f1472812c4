package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {
  private static final Path BASE = Path.of("/opt/cvos");

  @Test
  void defaultsToTheEmbeddedServerUnderTheBaseDirectory() throws ConfigurationException {
    ConfigValues values = ConfigValues.of(Map.of(), Map.of());
    DatabaseConfig config = new DatabaseConfig(values, BASE);
    values.finish();

    assertThat(config.embedded()).isTrue();
    assertThat(config.url()).isEmpty();
    assertThat(config.user()).isEqualTo("cvos");
    assertThat(config.password()).isEmpty();
    assertThat(config.embeddedDataDirectory()).isEqualTo(Path.of("/opt/cvos/var/db"));
    assertThat(config.embeddedPort()).isZero();
    assertThat(config.poolSize()).isEqualTo(10);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void mapsEveryKeyExplicitly() throws ConfigurationException {
    ConfigValues values = ConfigValues.of(Map.of(
        "database.url", "jdbc:postgresql://db.example.com:5432/cvos",
        "database.user", "objects",
        "database.password", "s3cret",
        "database.embedded.data-dir", "data/pg",
        "database.embedded.port", "15432",
        "database.pool-size", "25",
        "database.connect-timeout", "750ms",
        "database.query-timeout", "20s"), Map.of());
    DatabaseConfig config = new DatabaseConfig(values, BASE);
    values.finish();

    assertThat(config.embedded()).isFalse();
    assertThat(config.url()).contains("jdbc:postgresql://db.example.com:5432/cvos");
    assertThat(config.user()).isEqualTo("objects");
    assertThat(config.password()).isEqualTo("s3cret");
    assertThat(config.embeddedDataDirectory()).isEqualTo(Path.of("/opt/cvos/data/pg"));
    assertThat(config.embeddedPort()).isEqualTo(15432);
    assertThat(config.poolSize()).isEqualTo(25);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(config.queryTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void embeddedWordSelectsTheEmbeddedServer() throws ConfigurationException {
    ConfigValues values = ConfigValues.of(Map.of("database.url", "Embedded"), Map.of());
    DatabaseConfig config = new DatabaseConfig(values, BASE);
    values.finish();

    assertThat(config.embedded()).isTrue();
  }

  @Test
  void environmentOverridesTheFile() throws ConfigurationException {
    ConfigValues values = ConfigValues.of(Map.of("database.password", "from-file"),
        Map.of("CVOS_DATABASE_PASSWORD", "from-env", "CVOS_DATABASE_POOL_SIZE", "3"));
    DatabaseConfig config = new DatabaseConfig(values, BASE);
    values.finish();

    assertThat(config.password()).isEqualTo("from-env");
    assertThat(config.poolSize()).isEqualTo(3);
  }

  @Test
  void reportsEveryBadValueNamingItsKey() {
    ConfigValues values = ConfigValues.of(Map.of(
        "database.url", "postgres://db/cvos?password=hunter2",
        "database.pool-size", "0",
        "database.embedded.port", "70000",
        "database.connect-timeout", "soon"), Map.of());
    new DatabaseConfig(values, BASE);

    assertThatThrownBy(values::finish)
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .hasSize(4)
            .anySatisfy(p -> assertThat(p).startsWith("database.url").contains("jdbc:postgresql"))
            .anySatisfy(p -> assertThat(p).startsWith("database.pool-size"))
            .anySatisfy(p -> assertThat(p).startsWith("database.embedded.port"))
            .anySatisfy(p -> assertThat(p).startsWith("database.connect-timeout")))
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void neverShowsThePassword() {
    ConfigValues values = ConfigValues.of(Map.of(
        "database.url", "jdbc:postgresql://db/cvos?user=cvos&password=hunter2&ssl=true",
        "database.password", "s3cret"), Map.of());
    DatabaseConfig config = new DatabaseConfig(values, BASE);

    assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("s3cret")
        .contains("jdbc:postgresql://db/cvos?user=cvos&password=***&ssl=true");
    assertThat(DatabaseConfig.redact("jdbc:postgresql://db/cvos?PASSWORD=x;a=b"))
        .isEqualTo("jdbc:postgresql://db/cvos?PASSWORD=***;a=b");
  }
}
