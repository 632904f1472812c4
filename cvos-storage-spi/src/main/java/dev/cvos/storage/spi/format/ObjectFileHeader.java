package dev.cvos.storage.spi.format;

import dev.cvos.storage.spi.ObjectMetadata;
import java.util.Objects;

/**
 * The header of an object file, as read.
 *
 * @param metadata the object's metadata
 * @param length the header's length in bytes: the body starts at this offset
 */
public record ObjectFileHeader(ObjectMetadata metadata, int length) {
  public ObjectFileHeader {
    Objects.requireNonNull(metadata, "metadata");
    if (length <= 0) {
      throw new IllegalArgumentException("header length must be positive: " + length);
    }
  }

  /** The length the whole file has when it is complete: header and body. */
  public long fileLength() {
    return length + metadata.size();
  }
}
