package dev.cvos.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A registered server in {@link ClusterView}.
 *
 * @param id its id
 * @param url the base URL peers reach it at
 * @param role {@code primary}, {@code redundant-secondary} or {@code simple-secondary}
 * @param storageMode {@code local} or {@code shared}
 * @param state {@code healthy}, {@code deprioritized} or {@code offline}
 * @param lastSeen its last registration or heartbeat
 */
public record ClusterServer(
    String id, String url, String role, String storageMode, String state, Instant lastSeen) {
  public ClusterServer {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(storageMode, "storageMode");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
