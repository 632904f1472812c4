package dev.cvos.storage.spi;

/**
 * The version of this SPI. A plugin reports the major version it was compiled against from
 * {@link ObjectStoreFactory#spiMajorVersion()}; the server refuses a plugin whose major version
 * differs from its own, with a message naming the plugin.
 */
public final class SpiVersion {
  /** The major version: it changes only when the SPI changes incompatibly. */
  public static final int MAJOR = 1;

  private SpiVersion() {}
}
