package dev.cvos.storage.smb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jcifs.DialectVersion;
import org.junit.jupiter.api.Test;

class SmbStoreConfigTest {
  @Test
  void defaultsNegotiateUpToSmb311WithBoundedTimeouts() {
    SmbStoreConfig config = SmbStoreConfig.from(
        Map.of("url", "smb://files.example/share", "user", "cvos", "password", "s3cret"));

    assertThat(config.url()).isEqualTo("smb://files.example/share/");
    assertThat(config.domain()).isEmpty();
    assertThat(config.guest()).isFalse();
    assertThat(config.minVersion()).isEqualTo(DialectVersion.SMB202);
    assertThat(config.maxVersion()).isEqualTo(DialectVersion.SMB311);
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.responseTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.socketTimeout()).isEqualTo(Duration.ofSeconds(35));
    assertThat(config.staleTempAge()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void explicitKeysMapToEverySetting() {
    SmbStoreConfig config = SmbStoreConfig.from(Map.ofEntries(
        Map.entry("url", "smb://127.0.0.1:1445/share/cvos/objects/"),
        Map.entry("domain", "CORP"),
        Map.entry("user", "svc-cvos"),
        Map.entry("password", "pw"),
        Map.entry("guest", "false"),
        Map.entry("connect-timeout", "2s"),
        Map.entry("response-timeout", "1500ms"),
        Map.entry("so-timeout", "1m"),
        Map.entry("min-version", "SMB210"),
        Map.entry("max-version", "smb3_0_2"),
        Map.entry("stale-temp-age", "PT10M")));

    assertThat(config).isEqualTo(new SmbStoreConfig("smb://127.0.0.1:1445/share/cvos/objects/",
        "CORP", "svc-cvos", "pw", false, Duration.ofSeconds(2), Duration.ofMillis(1500),
        Duration.ofMinutes(1), DialectVersion.SMB210, DialectVersion.SMB302,
        Duration.ofMinutes(10)));
  }

  @Test
  void guestNeedsNoUser() {
    SmbStoreConfig config = SmbStoreConfig.from(Map.of("url", "smb://h/s/", "guest", "TRUE"));

    assertThat(config.guest()).isTrue();
    assertThat(config.user()).isEmpty();
  }

  @Test
  void toStringNeverShowsThePassword() {
    SmbStoreConfig config = SmbStoreConfig.from(
        Map.of("url", "smb://h/s/", "user", "u", "password", "hunter2-secret"));

    assertThat(config.toString()).doesNotContain("hunter2-secret").contains("(secret)");
  }

  @Test
  void everyBadKeyIsReportedTogetherWithItsFix() {
    Map<String, String> config = new HashMap<>();
    config.put("url", "http://h/s/");
    config.put("password", "hunter2-secret");
    config.put("connect-timeout", "soon");
    config.put("response-timeout", "0s");
    config.put("max-version", "SMB1");
    config.put("gust", "true");

    assertThatThrownBy(() -> SmbStoreConfig.from(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.config.url must start with smb://")
        .hasMessageContaining("storage.config.user is missing: set user and password, or guest")
        .hasMessageContaining("storage.config.connect-timeout is 'soon'")
        .hasMessageContaining("storage.config.response-timeout is 0s: it must be positive")
        .hasMessageContaining("storage.config.max-version is 'SMB1'")
        .hasMessageContaining("storage.config.gust is not a key of the smb store")
        .message().doesNotContain("hunter2-secret");
  }

  @Test
  void urlWithoutShareOrWithCredentialsIsRefused() {
    assertThatThrownBy(() -> SmbStoreConfig.from(Map.of("url", "smb://host/", "guest", "true")))
        .hasMessageContaining("storage.config.url names no share");
    assertThatThrownBy(() -> SmbStoreConfig.from(
            Map.of("url", "smb://bob:hunter2@host/s/", "guest", "true")))
        .hasMessageContaining("storage.config.url holds credentials")
        .message().doesNotContain("hunter2");
    assertThatThrownBy(() -> SmbStoreConfig.from(Map.of("guest", "true")))
        .hasMessageContaining("storage.config.url is missing");
  }

  @Test
  void guestWithUserAndMinAboveMaxAreRefused() {
    assertThatThrownBy(() -> SmbStoreConfig.from(Map.of("url", "smb://h/s/", "guest", "true",
            "user", "u", "password", "p", "min-version", "SMB311", "max-version", "SMB210")))
        .hasMessageContaining("storage.config.guest is true but storage.config.user is set")
        .hasMessageContaining("min-version SMB311 is newer than max-version SMB210");
  }
}
