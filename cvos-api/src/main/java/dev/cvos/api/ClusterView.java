package dev.cvos.api;

import java.util.List;
import java.util.Objects;

/**
 * The answer to {@code GET /v1/cluster}.
 *
 * @param id the id of the server that answered
 * @param role its role ({@code primary}, {@code redundant-secondary}, {@code simple-secondary})
 * @param servers every registered server, ordered by id
 */
public record ClusterView(String id, String role, List<ClusterServer> servers) {
  public ClusterView {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(role, "role");
    servers = List.copyOf(Objects.requireNonNull(servers, "servers"));
  }
}
