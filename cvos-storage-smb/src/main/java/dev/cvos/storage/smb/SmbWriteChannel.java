package dev.cvos.storage.smb;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.SeekableByteChannel;
import jcifs.SmbRandomAccess;
import jcifs.smb.SmbFile;

/**
 * A file on the share, open for writing, as the {@link SeekableByteChannel} that {@link
 * dev.cvos.storage.spi.format.ObjectFileWriter} writes to. Writes are gathered into large chunks,
 * so a body crosses the network in few, big SMB writes rather than one per small buffer.
 */
final class SmbWriteChannel implements SeekableByteChannel {
  private static final int CHUNK = 1024 * 1024;

  private final SmbFile file;
  private final SmbRandomAccess access;
  private final byte[] pending = new byte[CHUNK];
  private int buffered;
  private boolean open = true;

  SmbWriteChannel(SmbFile file, SmbRandomAccess access) {
    this.file = file;
    this.access = access;
  }

  @Override
  public int write(ByteBuffer source) throws IOException {
    ensureOpen();
    int written = 0;
    while (source.hasRemaining()) {
      int n = Math.min(source.remaining(), CHUNK - buffered);
      source.get(pending, buffered, n);
      buffered += n;
      written += n;
      if (buffered == CHUNK) {
        flushPending();
      }
    }
    return written;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return access.getFilePointer() + buffered;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    flushPending();
    access.seek(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    flushPending();
    return translated(access::length);
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    ensureOpen();
    flushPending();
    translated(() -> {
      access.setLength(size);
      return size;
    });
    return this;
  }

  @Override
  public int read(ByteBuffer destination) {
    throw new NonReadableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  /** Writes what is gathered and closes the file; the bytes are on the server when it returns. */
  @Override
  public void close() throws IOException {
    if (!open) {
      return;
    }
    open = false;
    try {
      flushPending();
    } finally {
      try {
        access.close();
      } catch (IOException e) {
        throw SmbFailures.translate("close", file.getPath(), e);
      } finally {
        file.close();
      }
    }
  }

  private void flushPending() throws IOException {
    if (buffered == 0) {
      return;
    }
    int n = buffered;
    buffered = 0;
    try {
      access.write(pending, 0, n);
    } catch (IOException e) {
      throw SmbFailures.translate("write", file.getPath(), e);
    }
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }

  private interface SmbCall {
    long call() throws IOException;
  }

  private long translated(SmbCall call) throws IOException {
    try {
      return call.call();
    } catch (IOException e) {
      throw SmbFailures.translate("resize", file.getPath(), e);
    }
  }
}
