package dev.cvos.storage.smb;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import jcifs.smb.SmbFile;

/** A stream of a file on the share that releases the file's handle when it is closed. */
final class FileClosingInputStream extends FilterInputStream {
  private final SmbFile file;

  FileClosingInputStream(InputStream in, SmbFile file) {
    super(in);
    this.file = file;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return super.read(buffer, offset, length);
    } catch (IOException e) {
      throw SmbFailures.translate("read", file.getPath(), e);
    }
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw SmbFailures.translate("read", file.getPath(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      super.close();
    } finally {
      file.close();
    }
  }
}
