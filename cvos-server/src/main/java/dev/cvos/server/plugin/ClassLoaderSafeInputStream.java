package dev.cvos.server.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;

/**
 * A body stream of a plugin's store, read with the plugin's thread context class loader. A body
 * that is also a channel (the SPI's zero-copy reads, {@code StoredObject#channel()}) stays one:
 * {@link #of} wraps it in {@link ClassLoaderSafeChannelInputStream}.
 */
class ClassLoaderSafeInputStream extends InputStream {
  private final InputStream delegate;
  final ClassLoader classLoader;

  ClassLoaderSafeInputStream(InputStream delegate, ClassLoader classLoader) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
  }

  /** The plugin's body, wrapped: a channel if it is one, else a stream. */
  static ClassLoaderSafeInputStream of(InputStream body, ClassLoader classLoader) {
    return body instanceof ReadableByteChannel channel
        ? new ClassLoaderSafeChannelInputStream(body, channel, classLoader)
        : new ClassLoaderSafeInputStream(body, classLoader);
  }

  @Override
  public int read() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.read();
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.read(buffer, offset, length);
    }
  }

  @Override
  public int read(byte[] buffer) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.read(buffer);
    }
  }

  @Override
  public byte[] readAllBytes() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.readAllBytes();
    }
  }

  @Override
  public byte[] readNBytes(int length) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.readNBytes(length);
    }
  }

  @Override
  public int readNBytes(byte[] buffer, int offset, int length) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.readNBytes(buffer, offset, length);
    }
  }

  @Override
  public void skipNBytes(long n) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      delegate.skipNBytes(n);
    }
  }

  @Override
  public void mark(int readLimit) {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      delegate.mark(readLimit);
    }
  }

  @Override
  public void reset() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      delegate.reset();
    }
  }

  @Override
  public boolean markSupported() {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.markSupported();
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.skip(n);
    }
  }

  @Override
  public int available() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.available();
    }
  }

  @Override
  public long transferTo(OutputStream out) throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      return delegate.transferTo(out);
    }
  }

  @Override
  public void close() throws IOException {
    try (ThreadContextClassLoader ignored = new ThreadContextClassLoader(classLoader)) {
      delegate.close();
    }
  }
}
