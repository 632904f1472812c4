package dev.cvos.storage.spi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ReadableByteChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * An object opened for reading: its metadata and a stream of the bytes asked for.
 *
 * <p><b>Zero-copy reads.</b> A store may give a body stream that is also a {@link
 * ReadableByteChannel} over the same bytes (the {@code local} store does); {@link #channel()} then
 * offers it, and the server reads the bytes straight into its own direct buffers and hands those
 * to the socket, with no copy through the Java heap. Stream and channel share one position: the
 * server reads through one of them only, and closing the object closes both. A store that does
 * not offer a channel needs to do nothing: its body is read as a stream.
 *
 * @param metadata the object's metadata (its size is the whole object's size)
 * @param range the bytes the stream holds, resolved against the object's size
 * @param body the bytes in {@code range}; closed by {@link #close()}
 */
public record StoredObject(ObjectMetadata metadata, ResolvedRange range, InputStream body)
    implements AutoCloseable {

  public StoredObject {
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(range, "range");
    Objects.requireNonNull(body, "body");
  }

  /**
   * The body as a channel, when the store offers zero-copy reads (see the class comment): the
   * body stream itself, as a {@link ReadableByteChannel}.
   *
   * @return the body's channel, or empty when the body is a stream only
   */
  public Optional<ReadableByteChannel> channel() {
    return body instanceof ReadableByteChannel readable ? Optional.of(readable) : Optional.empty();
  }

  /** Closes the body stream and whatever the store holds open for it. */
  @Override
  public void close() throws IOException {
    body.close();
  }
}
