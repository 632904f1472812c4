package dev.cvos.server.object;

import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import java.util.function.ToLongBiFunction;

/** Domain metadata to the API's JSON records. */
final class ObjectInfos {
  private ObjectInfos() {}

  /** The object's info with its catalog version (0: unknown, sent as null). */
  static ObjectInfo of(ObjectMetadata m, long version) {
    return new ObjectInfo(m.bucket(), m.key(), m.size(), m.sha256(), m.contentType(), m.created(), m.expires(),
        version > 0 ? Long.toString(version) : null);
  }

  /** A listing with each item's catalog version, as {@code versions} knows it (0: unknown). */
  static ObjectList of(ObjectListing listing, ToLongBiFunction<String, String> versions) {
    return new ObjectList(listing.items().stream()
        .map(m -> of(m, versions.applyAsLong(m.bucket(), m.key()))).toList(), listing.next());
  }
}
