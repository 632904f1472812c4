package dev.cvos.server.ops;

import dev.cvos.storage.spi.ObjectMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Where {@code migrate-to-shared} takes objects from: a store, or a backup archive. */
public interface ObjectSource extends AutoCloseable {
  /** For messages: what this source is. */
  String describe();

  /** Every object of the source (metadata only), for the totals. */
  List<ObjectMetadata> inventory() throws IOException;

  /** Receives one object and its body (valid during the call only). */
  @FunctionalInterface
  interface ObjectVisitor {
    void visit(ObjectMetadata metadata, InputStream body) throws IOException;
  }

  /** Streams every object that still exists to {@code visitor}. */
  void forEach(ObjectVisitor visitor) throws IOException;

  @Override
  void close() throws IOException;
}
