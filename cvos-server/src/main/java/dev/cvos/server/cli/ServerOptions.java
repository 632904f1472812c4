package dev.cvos.server.cli;

import dev.cvos.server.config.ConfigurationException;
import dev.cvos.server.ops.ServerSetup;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which server a command works on: the installation directory ({@code cvos.home}, set by {@code
 * bin/cvos}) and its configuration file.
 */
final class ServerOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "The server's configuration file (default: $CVOS_CONFIG, else conf/cvos.yaml of the"
          + " installation).")
  private Path config;

  /** The installation directory: {@code -Dcvos.home}, else the working directory. */
  static Path home() {
    return Path.of(System.getProperty("cvos.home", ".")).toAbsolutePath().normalize();
  }

  ServerSetup read(Map<String, String> environment) throws ConfigurationException {
    Path home = home();
    String fromEnvironment = environment.get("CVOS_CONFIG");
    Path file = config != null ? config.toAbsolutePath()
        : fromEnvironment != null && !fromEnvironment.isBlank() ? Path.of(fromEnvironment).toAbsolutePath()
        : home.resolve("conf/cvos.yaml");
    return ServerSetup.read(home, file, environment);
  }
}
