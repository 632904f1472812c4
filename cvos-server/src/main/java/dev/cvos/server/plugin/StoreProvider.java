package dev.cvos.server.plugin;

import dev.cvos.storage.spi.ObjectStoreFactory;
import java.util.Objects;

/**
 * A named store factory and where it came from.
 *
 * @param name the provider name {@code storage.provider} selects it by
 * @param factory the factory; for a plugin, one that swaps the thread context class loader around
 *     every call into the plugin
 * @param origin where it was found, for messages: {@code built-in (class)} or {@code plugin
 *     directory /opt/cvos/plugins/x (class)}
 */
public record StoreProvider(String name, ObjectStoreFactory factory, String origin) {
  public StoreProvider {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(factory, "factory");
    Objects.requireNonNull(origin, "origin");
  }
}
