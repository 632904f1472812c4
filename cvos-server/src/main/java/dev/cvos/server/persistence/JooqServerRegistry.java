package dev.cvos.server.persistence;

import static dev.cvos.server.persistence.jooq.Tables.SERVER_REGISTRY;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.server.persistence.jooq.tables.records.ServerRegistryRecord;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The server registry in the shared database (table {@code server_registry}). */
final class JooqServerRegistry implements ServerRegistry {
  static final int MAX_ID_LENGTH = 128;
  static final int MAX_URL_LENGTH = 2048;
  static final int MAX_VERSION_LENGTH = 64;

  private final Transactions transactions;

  @Inject
  JooqServerRegistry(DSLContext dsl) {
    this.transactions = new Transactions(dsl);
  }

  @Override
  public void register(ServerRecord server) {
    Objects.requireNonNull(server, "server");
    checkServerId(server.id());
    String url = server.url().toString();
    checkLength("url", url, MAX_URL_LENGTH);
    checkLength("version", server.version(), MAX_VERSION_LENGTH);
    var seen = Timestamps.toDatabase(server.lastSeen());
    transactions.inTransaction(tx -> tx.dsl()
        .insertInto(SERVER_REGISTRY)
        .set(SERVER_REGISTRY.ID, server.id())
        .set(SERVER_REGISTRY.URL, url)
        .set(SERVER_REGISTRY.ROLE, server.role().name())
        .set(SERVER_REGISTRY.STORAGE_MODE, server.storageMode().name())
        .set(SERVER_REGISTRY.VERSION, server.version())
        .set(SERVER_REGISTRY.REGISTERED_AT, seen)
        .set(SERVER_REGISTRY.LAST_SEEN, seen)
        .onConflict(SERVER_REGISTRY.ID)
        .doUpdate()
        .set(SERVER_REGISTRY.URL, DSL.excluded(SERVER_REGISTRY.URL))
        .set(SERVER_REGISTRY.ROLE, DSL.excluded(SERVER_REGISTRY.ROLE))
        .set(SERVER_REGISTRY.STORAGE_MODE, DSL.excluded(SERVER_REGISTRY.STORAGE_MODE))
        .set(SERVER_REGISTRY.VERSION, DSL.excluded(SERVER_REGISTRY.VERSION))
        .set(SERVER_REGISTRY.LAST_SEEN, DSL.excluded(SERVER_REGISTRY.LAST_SEEN))
        .execute());
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalStateException when the server is not registered (it must register again)
   */
  @Override
  public void heartbeat(String serverId, Instant now) {
    checkServerId(serverId);
    Objects.requireNonNull(now, "now");
    int updated = transactions.inTransaction(tx -> tx.dsl()
        .update(SERVER_REGISTRY)
        .set(SERVER_REGISTRY.LAST_SEEN, Timestamps.toDatabase(now))
        .where(SERVER_REGISTRY.ID.eq(serverId))
        .execute());
    if (updated == 0) {
      throw new IllegalStateException("server '" + serverId
          + "' is not in the registry; it must register before it heartbeats");
    }
  }

  @Override
  public List<ServerRecord> servers() {
    return transactions.inTransaction(tx -> tx.dsl()
        .selectFrom(SERVER_REGISTRY)
        .orderBy(SERVER_REGISTRY.ID)
        .fetch(JooqServerRegistry::toServer));
  }

  private static ServerRecord toServer(ServerRegistryRecord row) {
    return new ServerRecord(
        row.getId(),
        URI.create(row.getUrl()),
        ServerRole.valueOf(row.getRole()),
        StorageMode.valueOf(row.getStorageMode()),
        row.getVersion(),
        Timestamps.fromDatabase(row.getLastSeen()));
  }

  static void checkServerId(String serverId) {
    Objects.requireNonNull(serverId, "serverId");
    if (serverId.isBlank()) {
      throw new IllegalArgumentException("a server id must not be blank");
    }
    checkLength("server id", serverId, MAX_ID_LENGTH);
  }

  static void checkLength(String what, String value, int max) {
    if (value.length() > max) {
      throw new IllegalArgumentException(what + " is " + value.length()
          + " characters long; at most " + max + " fit the registry");
    }
  }
}
