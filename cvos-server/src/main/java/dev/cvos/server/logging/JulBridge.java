package dev.cvos.server.logging;

import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sends java.util.logging (which Jersey and HK2 use) to SLF4J. Pair it with Logback's {@code
 * LevelChangePropagator} (in logback.xml) so that disabled JUL levels cost nothing.
 */
public final class JulBridge {
  private JulBridge() {}

  /** Installs the bridge once; later calls do nothing. */
  public static void install() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }
}
