package dev.cvos.api.client;

import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The body of a PUT or POST. Bytes and files can be sent again whole, so the client may fail over
 * with them to another server at any point before an answer; a stream is read once, so the client
 * fails over with it only while not a single byte of it has been read (a refused connection) —
 * after that the failure reaches the caller, who alone can start the stream again.
 *
 * <p>Streams and files are sent as they are read: nothing holds the whole body in memory.
 */
public abstract class ObjectBody {
  private ObjectBody() {}

  /**
   * A body the caller already holds in memory. It is not copied: leave the array unchanged until
   * the call returns.
   */
  public static ObjectBody ofBytes(byte[] bytes) {
    byte[] copy = Objects.requireNonNull(bytes, "bytes");
    return new ObjectBody() {
      @Override
      BodyPublisher publisher() {
        return BodyPublishers.ofByteArray(copy);
      }

      @Override
      boolean resendable() {
        return true;
      }
    };
  }

  /** The content of a file, read as it is sent; its length is known. */
  public static ObjectBody ofFile(Path file) throws FileNotFoundException {
    Objects.requireNonNull(file, "file");
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(file.toString());
    }
    return new ObjectBody() {
      @Override
      BodyPublisher publisher() throws IOException {
        return BodyPublishers.ofFile(file);
      }

      @Override
      boolean resendable() {
        return true;
      }
    };
  }

  /**
   * A stream of exactly {@code length} bytes, sent with a {@code Content-Length}. The client reads
   * it once and does not close it: the caller does, after the call returns.
   */
  public static ObjectBody ofStream(InputStream in, long length) {
    if (length < 0) {
      throw new IllegalArgumentException("length must be >= 0, was " + length);
    }
    return new OneShot(in, length);
  }

  /**
   * A stream of unknown length, sent chunked. The client reads it once to its end and does not
   * close it: the caller does, after the call returns.
   */
  public static ObjectBody ofStream(InputStream in) {
    return new OneShot(in, -1);
  }

  abstract BodyPublisher publisher() throws IOException;

  /** Whether the body can still be sent whole, to another server. */
  abstract boolean resendable();

  /** A stream body: resendable until its first byte is read. */
  private static final class OneShot extends ObjectBody {
    private final Watched in;
    private final long length;

    OneShot(InputStream in, long length) {
      this.in = new Watched(Objects.requireNonNull(in, "in"));
      this.length = length;
    }

    @Override
    BodyPublisher publisher() {
      BodyPublisher stream = BodyPublishers.ofInputStream(() -> in);
      return length < 0 ? stream : BodyPublishers.fromPublisher(stream, length);
    }

    @Override
    boolean resendable() {
      return !in.touched;
    }
  }

  /** Notes the first read; closing is left to the caller, who opened the stream. */
  private static final class Watched extends FilterInputStream {
    private volatile boolean touched;

    Watched(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      touched = true;
      return super.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      touched = true;
      return super.read(b, off, len);
    }

    @Override
    public long skip(long n) throws IOException {
      touched = true;
      return super.skip(n);
    }

    @Override
    public void close() {
      // the caller's stream: the caller closes it
    }
  }
}
