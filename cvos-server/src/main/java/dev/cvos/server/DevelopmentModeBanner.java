package dev.cvos.server;

import java.net.URI;
import java.util.Optional;
import org.slf4j.Logger;

/** The loud warning a server in development mode gives at start. */
final class DevelopmentModeBanner {
  private DevelopmentModeBanner() {}

  static void announce(Logger log, URI https, Optional<URI> plain) {
    String line = "*".repeat(78);
    log.warn(line);
    log.warn("*** DEVELOPMENT MODE: clients need NO API key (auth.development-mode: true).");
    log.warn("*** Anyone who reaches {}{} can read, write and delete every object.", https,
        plain.map(p -> " or " + p).orElse(""));
    log.warn("*** Never run like this outside a developer's machine: set auth.api-keys and remove");
    log.warn("*** auth.development-mode from the configuration.");
    log.warn(line);
  }
}
