package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqServerRegistryTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
  private JooqServerRegistry registry;

  @BeforeEach
  void emptyRegistry() {
    registry = new JooqServerRegistry(database.dsl());
  }

  private static ServerRecord server(String id, ServerRole role, Instant seen) {
    return new ServerRecord(id, URI.create("https://" + id + ".example:8443"), role,
        StorageMode.LOCAL, "0.1.0", seen);
  }

  @Test
  void registeredServersAreListedById() {
    registry.register(server("c", ServerRole.SIMPLE_SECONDARY, T0));
    registry.register(server("a", ServerRole.PRIMARY, T0));
    registry.register(server("b", ServerRole.REDUNDANT_SECONDARY, T0));

    assertThat(registry.servers()).extracting(ServerRecord::id).containsExactly("a", "b", "c");
    assertThat(registry.servers().get(0)).isEqualTo(server("a", ServerRole.PRIMARY, T0));
  }

  @Test
  void registeringAgainUpdatesTheRowAndKeepsTheFirstRegistrationTime() {
    registry.register(server("a", ServerRole.REDUNDANT_SECONDARY, T0));
    ServerRecord changed = new ServerRecord("a", URI.create("https://a2.example:9443"),
        ServerRole.PRIMARY, StorageMode.SHARED, "0.2.0", T0.plusSeconds(60));

    registry.register(changed);

    assertThat(registry.servers()).containsExactly(changed);
    assertThat(database.dsl()
        .select(SERVER_REGISTRY.REGISTERED_AT)
        .from(SERVER_REGISTRY)
        .where(SERVER_REGISTRY.ID.eq("a"))
        .fetchSingle(SERVER_REGISTRY.REGISTERED_AT)
        .toInstant()).isEqualTo(T0);
  }

  @Test
  void heartbeatMovesLastSeen() {
    registry.register(server("a", ServerRole.PRIMARY, T0));
    registry.register(server("b", ServerRole.PRIMARY, T0));

    registry.heartbeat("a", T0.plusSeconds(30));

    assertThat(registry.servers()).extracting(ServerRecord::lastSeen)
        .containsExactly(T0.plusSeconds(30), T0);
  }

  @Test
  void timesAreKeptToTheMicrosecond() {
    Instant precise = Instant.parse("2026-03-01T10:00:00.123456789Z");

    registry.register(server("a", ServerRole.PRIMARY, precise));

    assertThat(registry.servers().get(0).lastSeen())
        .isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
  }

  @Test
  void heartbeatOfAnUnregisteredServerIsRefused() {
    assertThatThrownBy(() -> registry.heartbeat("ghost", T0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ghost")
        .hasMessageContaining("register");
  }

  @Test
  void tooLongValuesAreRefusedBeforeTheDatabase() {
    String longId = "x".repeat(JooqServerRegistry.MAX_ID_LENGTH + 1);

    assertThatThrownBy(() -> registry.register(server(longId, ServerRole.PRIMARY, T0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("server id");
    assertThatThrownBy(() -> registry.heartbeat(" ", T0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(registry.servers()).isEmpty();
  }
}
