package dev.cvos.storage.spi;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * An object opened for reading: its metadata and a stream of the bytes asked for.
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

  /** Closes the body stream and whatever the store holds open for it. */
  @Override
  public void close() throws IOException {
    body.close();
  }
}
