package dev.cvos.peer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.io.Content;

/**
 * A client's body as the content of a forwarded request: read from the client only when the
 * storing server asks for it, with its length kept (so the storing server sees {@code
 * Content-Length}, not chunks), and with a flag that tells whether any byte was taken yet.
 */
final class ForwardedBody implements Request.Content {
  private final Started stream;
  private final InputStreamRequestContent content;
  private final long length;

  ForwardedBody(InputStream body, long length, Runnable onFirstRead) {
    this.stream = new Started(body, onFirstRead);
    this.content = new InputStreamRequestContent(stream);
    this.length = length;
  }

  /** Whether a byte of the client's body was read (it is then gone from the client's stream). */
  boolean started() {
    return stream.started;
  }

  @Override
  public long getLength() {
    return length;
  }

  @Override
  public Content.Chunk read() {
    return content.read();
  }

  @Override
  public void demand(Runnable demandCallback) {
    content.demand(demandCallback);
  }

  @Override
  public void fail(Throwable failure) {
    content.fail(failure);
  }

  @Override
  public boolean rewind() {
    return false;
  }

  private static final class Started extends FilterInputStream {
    private final Runnable onFirstRead;
    private volatile boolean started;

    Started(InputStream in, Runnable onFirstRead) {
      super(in);
      this.onFirstRead = onFirstRead;
    }

    private void start() {
      if (!started) {
        started = true;
        onFirstRead.run();
      }
    }

    @Override
    public int read() throws IOException {
      start();
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      start();
      return super.read(buffer, offset, length);
    }

    /** The client's stream belongs to the server that received it: never closed here. */
    @Override
    public void close() {
      // The receiving server closes the client's request stream when its exchange ends.
    }
  }
}
