package dev.cvos.server.persistence;

import dev.cvos.server.config.ConfigValues;
import java.nio.file.Path;
import java.util.Map;

/**
 * A separate JVM that starts the embedded database over the directory it is given, says "ready"
 * on standard output and waits to be killed: the server process of {@link EmbeddedRecoveryTest}.
 */
public final class EmbeddedDatabaseProcess {
  private EmbeddedDatabaseProcess() {}

  public static void main(String[] args) throws Exception {
    Path base = Path.of(args[0]);
    Database database = Database.start(new DatabaseConfig(ConfigValues.of(Map.of(), Map.of()), base));
    System.out.println("ready " + database.displayUrl());
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
