package dev.cvos.domain.cluster;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * A server as the registry knows it.
 *
 * @param id the server's id, unique in the cluster
 * @param url the base URL peers reach it at (https)
 * @param role its role
 * @param storageMode where it keeps objects
 * @param version the CVOS version it runs
 * @param lastSeen its last registration or heartbeat
 */
public record ServerRecord(
    String id, URI url, ServerRole role, StorageMode storageMode, String version, Instant lastSeen) {
  public ServerRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(storageMode, "storageMode");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(lastSeen, "lastSeen");
  }
}
