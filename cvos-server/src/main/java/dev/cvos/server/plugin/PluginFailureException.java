package dev.cvos.server.plugin;

/**
 * A plugin's code failed in a way its contract does not allow (an unchecked exception or a
 * linkage error out of {@code ObjectStoreFactory.create}, say). The message names the plugin
 * directory, so the operator knows whose code it was.
 */
public class PluginFailureException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public PluginFailureException(String message, Throwable cause) {
    super(message, cause);
  }
}
