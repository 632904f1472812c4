package dev.cvos.server.plugin;

/**
 * A store plugin, or the set of them, cannot be loaded. The message names the plugin directory
 * (or the built-in provider) at fault and says how to fix it; the server does not start.
 */
public class PluginLoadingException extends Exception {
  private static final long serialVersionUID = 1L;

  public PluginLoadingException(String message) {
    super(message);
  }

  public PluginLoadingException(String message, Throwable cause) {
    super(message, cause);
  }
}
