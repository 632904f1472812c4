package dev.cvos.storage.smb;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import jcifs.smb.SmbFile;

/** A stream into a file on the share that releases the file's handle when it is closed. */
final class FileClosingOutputStream extends FilterOutputStream {
  private final SmbFile file;

  FileClosingOutputStream(OutputStream out, SmbFile file) {
    super(out);
    this.file = file;
  }

  @Override
  public void write(byte[] buffer, int offset, int length) throws IOException {
    try {
      out.write(buffer, offset, length);
    } catch (IOException e) {
      throw SmbFailures.translate("write", file.getPath(), e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    try {
      out.write(b);
    } catch (IOException e) {
      throw SmbFailures.translate("write", file.getPath(), e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw SmbFailures.translate("close", file.getPath(), e);
    } finally {
      file.close();
    }
  }
}
