package dev.cvos.server.object;

import dev.cvos.api.ObjectInfo;
import dev.cvos.api.ObjectList;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;

/** Domain metadata to the API's JSON records. */
final class ObjectInfos {
  private ObjectInfos() {}

  static ObjectInfo of(ObjectMetadata m, long version) {
    return new ObjectInfo(m.bucket(), m.key(), m.size(), m.sha256(), m.contentType(), m.created(), m.expires(),
        version > 0 ? Long.toString(version) : null);
  }

  static ObjectInfo of(ObjectMetadata m) {
    return new ObjectInfo(m.bucket(), m.key(), m.size(), m.sha256(), m.contentType(), m.created(), m.expires());
  }

  /** A listing with each item's catalog version, as {@code versions} knows it (0: unknown). */
  static ObjectList of(ObjectListing listing, java.util.function.ToLongBiFunction<String, String> versions) {
    return new ObjectList(listing.items().stream()
        .map(m -> of(m, versions.applyAsLong(m.bucket(), m.key()))).toList(), listing.next());
  }

  static ObjectList of(ObjectListing listing) {
    return new ObjectList(listing.items().stream().map(ObjectInfos::of).toList(), listing.next());
  }
}
