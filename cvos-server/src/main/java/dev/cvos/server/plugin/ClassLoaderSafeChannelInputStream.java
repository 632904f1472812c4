package dev.cvos.server.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * A plugin's body that is also a channel (the SPI's zero-copy reads), read either way with the
 * plugin's thread context class loader: the server keeps reading it straight into its direct
 * buffers when the store is a plugin.
 */
final class ClassLoaderSafeChannelInputStream extends ClassLoaderSafeInputStream implements ReadableByteChannel {
  private final ReadableByteChannel channel;

  ClassLoaderSafeChannelInputStream(InputStream body, ReadableByteChannel channel, ClassLoader classLoader) {
    super(body, classLoader);
    this.channel = Objects.requireNonNull(channel, "channel");
  }

  @Override
  public int read(ByteBuffer target) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return channel.read(target);
    }
  }

  @Override
  public boolean isOpen() {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return channel.isOpen();
    }
  }
}
