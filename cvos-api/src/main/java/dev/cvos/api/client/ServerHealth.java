package dev.cvos.api.client;

import java.net.URI;
import java.util.Objects;

/**
 * What one server said to {@code /health/live} and {@code /health/ready}.
 *
 * @param server the server's URL, as the client was given it
 * @param live whether the process answered {@code /health/live} with 200
 * @param ready whether it answered {@code /health/ready} with 200 (storage, database and registry
 *     usable)
 * @param detail the body of the readiness answer (its checks, or the reason it is not ready), or
 *     the connection failure
 */
public record ServerHealth(URI server, boolean live, boolean ready, String detail) {
  public ServerHealth {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(detail, "detail");
  }
}
