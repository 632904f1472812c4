package dev.cvos.domain.relay;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * This server's view of the cluster: the list last read from the {@link ServerRegistry}. The
 * relay reads it on every miss without touching the database; {@link #refresh()} re-reads it (a
 * scheduler calls it every registry interval). Thread-safe.
 */
public final class PeerView {
  private final String selfId;
  private final ServerRegistry registry;
  private volatile List<ServerRecord> servers = List.of();

  /**
   * A view that is empty until the first {@link #refresh()}.
   *
   * @param selfId this server's id: never a peer of itself
   * @param registry where the list is read from
   */
  public PeerView(String selfId, ServerRegistry registry) {
    this.selfId = Objects.requireNonNull(selfId, "selfId");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Re-reads the list from the registry. When the registry fails, the last list is kept (a relay
   * goes on with the peers it knew) and the registry's exception propagates to the caller to log.
   */
  public void refresh() {
    servers = List.copyOf(registry.servers());
  }

  /** This server's id. */
  public String selfId() {
    return selfId;
  }

  /** Every registered server, this one included, in the registry's order (by id). */
  public List<ServerRecord> servers() {
    return servers;
  }

  /**
   * The servers a miss may be relayed to: every storing server (primary and redundant
   * secondaries) except this one; simple secondaries store nothing and are never asked.
   */
  public List<ServerRecord> storingPeers() {
    return servers.stream()
        .filter(server -> server.role().stores())
        .filter(server -> !server.id().equals(selfId))
        .toList();
  }

  /** The registered server with this id. */
  public Optional<ServerRecord> server(String id) {
    return servers.stream().filter(server -> server.id().equals(id)).findFirst();
  }
}
