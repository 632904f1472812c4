package dev.cvos.server.persistence;

import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded PostgreSQL started on its own, for several servers of one machine: the demo
 * cluster ({@code cvos demo-cluster}) starts it once and points each of its server processes at
 * it, as a real cluster points its servers at one PostgreSQL ({@code database.url}). It is the
 * same server as the single-server quick start's ({@link EmbeddedServer}): its data directory is
 * kept across restarts, and it listens on localhost only.
 */
public final class LocalClusterDatabase implements AutoCloseable {
  private final EmbeddedServer server;

  private LocalClusterDatabase(EmbeddedServer server) {
    this.server = server;
  }

  /** Starts the embedded PostgreSQL over {@code dataDirectory} on a free localhost port. */
  public static LocalClusterDatabase start(Path dataDirectory) throws DatabaseException {
    return new LocalClusterDatabase(EmbeddedServer.start(dataDirectory, 0));
  }

  /** The {@code database.*} settings that point a server of this machine at it. */
  public Map<String, String> configValues() {
    return Map.of(
        "database.url", "jdbc:postgresql://localhost:" + server.port() + "/" + EmbeddedServer.DATABASE,
        "database.user", EmbeddedServer.SUPERUSER);
  }

  /**
   * The superuser's password (generated at the first start, kept owner-only in the data
   * directory). A secret: give it to a server in its environment ({@code CVOS_DATABASE_PASSWORD}),
   * never in a file or a log.
   */
  public String password() {
    return server.password();
  }

  /** Its port on localhost. */
  public int port() {
    return server.port();
  }

  /** Stops it (a fast shutdown: connections still open are closed). */
  @Override
  public void close() {
    server.close();
  }
}
