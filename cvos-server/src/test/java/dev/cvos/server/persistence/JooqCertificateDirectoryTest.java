package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqCertificateDirectoryTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private JooqServerRegistry registry;
  private JooqCertificateDirectory certificates;

  @BeforeEach
  void repositories() {
    registry = new JooqServerRegistry(database.dsl());
    certificates = new JooqCertificateDirectory(database.dsl());
  }

  private void register(String id) {
    registry.register(new ServerRecord(id, URI.create("https://" + id + ":8443"), ServerRole.PRIMARY,
        StorageMode.LOCAL, "0.1.0", T0));
  }

  @Test
  void publishedCertificatesAreListedByServerAndReplacedOnRepublish() {
    register("a");
    register("b");
    register("c");

    certificates.publish("a", "PEM-A1");
    certificates.publish("b", "PEM-B");
    certificates.publish("a", "PEM-A2");

    assertThat(certificates.certificates()).isEqualTo(Map.of("a", "PEM-A2", "b", "PEM-B"));
  }

  @Test
  void reRegisteringKeepsThePublishedCertificate() {
    register("a");
    certificates.publish("a", "PEM-A");

    register("a");

    assertThat(certificates.certificates()).containsEntry("a", "PEM-A");
  }

  @Test
  void unregisteredServerCannotPublish() {
    assertThatThrownBy(() -> certificates.publish("ghost", "PEM"))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ghost");
  }
}
