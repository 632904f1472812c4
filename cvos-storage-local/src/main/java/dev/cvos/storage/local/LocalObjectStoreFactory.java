package dev.cvos.storage.local;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code local} store provider: objects in a directory. Settings (under {@code
 * storage.config.}): {@code root} (required, an existing directory), {@code fsync} (default {@code
 * true}), {@code temp-max-age} (default {@code 1h}); see {@link LocalStoreConfig}.
 */
public final class LocalObjectStoreFactory implements ObjectStoreFactory {
  /** The provider name. */
  public static final String NAME = "local";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int spiMajorVersion() {
    return SpiVersion.MAJOR;
  }

  @Override
  public ObjectStore create(Map<String, String> config, dev.cvos.storage.spi.StoreContext context)
      throws BackendUnavailableException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(context, "context");
    return new LocalObjectStore(LocalStoreConfig.from(config), context);
  }
}
