package dev.cvos.storage.spi;

import java.util.Map;

/**
 * Builds an {@link ObjectStore} from configuration. This is the entry point of a plugin.
 *
 * <p>Register the implementation in {@code META-INF/services/dev.cvos.storage.spi.ObjectStoreFactory}
 * of the plugin jar. The server finds it with {@link java.util.ServiceLoader} and picks it by
 * {@link #name()}: the configuration key {@code storage.provider} names the store, and every key
 * under {@code storage.config.} reaches {@link #create} with that prefix removed.
 *
 * <p>Implementations need a public no-argument constructor and must be cheap to construct: work
 * belongs in {@link #create}.
 */
public interface ObjectStoreFactory {
  /**
   * The provider name the configuration uses, such as {@code local} or {@code smb}: lower case
   * letters, digits and dashes. Two factories with one name stop the server at start.
   */
  String name();

  /**
   * The SPI major version this plugin was compiled against. Implement it as {@code return
   * SpiVersion.MAJOR;} — the constant is copied into the plugin when it is compiled, so the server
   * can tell which version the plugin was built for.
   */
  int spiMajorVersion();

  /**
   * Builds a store. Called once at server start, with the thread context class loader set to the
   * plugin's class loader.
   *
   * @param config the store's configuration: keys without the {@code storage.config.} prefix;
   *     never null, may be empty
   * @param context what the server offers the store (its clock, its id)
   * @return a ready store; the server closes it on shutdown
   * @throws IllegalArgumentException if the configuration is invalid: the message names the key
   *     and says how to fix it
   * @throws BackendUnavailableException if the backend cannot be reached at start
   */
  ObjectStore create(Map<String, String> config, StoreContext context)
      throws BackendUnavailableException;
}
