package dev.cvos.domain.cluster;

import java.time.Instant;
import java.util.List;

/** The list of CVOS servers, kept in the shared database. */
public interface ServerRegistry {
  /** Adds this server, or updates its row when it registered before. */
  void register(ServerRecord server);

  /** Marks a server as seen at {@code now}. */
  void heartbeat(String serverId, Instant now);

  /** Every registered server, ordered by id. */
  List<ServerRecord> servers();
}
