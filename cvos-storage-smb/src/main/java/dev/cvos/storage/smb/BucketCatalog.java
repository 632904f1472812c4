package dev.cvos.storage.smb;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import dev.cvos.storage.spi.format.ObjectFileHeader;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists what a store's folder holds: the buckets, and the live objects of a bucket in the byte
 * order of their keys. The keys come from the files' headers, through the {@link ShareIndex}.
 */
final class BucketCatalog {
  private final SmbShare share;
  private final ShareIndex index;
  private final Clock clock;

  BucketCatalog(SmbShare share, ShareIndex index, Clock clock) {
    this.share = share;
    this.index = index;
    this.clock = clock;
  }

  /** A page of a bucket, as {@link dev.cvos.storage.spi.ObjectStore#list} returns it. */
  ObjectListing list(String bucket, ListRequest request) throws IOException {
    ObjectNames.checkBucket(bucket);
    List<ObjectMetadata> matching = new ArrayList<>();
    for (ObjectMetadata metadata : live(bucket)) {
      if (metadata.key().startsWith(request.prefix())
          && (request.startAfter() == null
              || ObjectNames.compareKeys(metadata.key(), request.startAfter()) > 0)) {
        matching.add(metadata);
      }
    }
    matching.sort((a, b) -> ObjectNames.compareKeys(a.key(), b.key()));
    if (matching.size() <= request.limit()) {
      return new ObjectListing(matching, null);
    }
    List<ObjectMetadata> page = matching.subList(0, request.limit());
    return new ObjectListing(page, page.get(page.size() - 1).key());
  }

  /** The buckets holding at least one live object, in byte order. */
  List<String> buckets() throws IOException {
    List<String> buckets = new ArrayList<>();
    for (SmbShare.Entry entry : share.list("")) {
      Optional<String> bucket = entry.folder()
          ? ObjectFileLayout.bucketOfDirectoryName(entry.name()) : Optional.empty();
      if (bucket.isPresent() && !live(bucket.get()).isEmpty()) {
        buckets.add(bucket.get());
      }
    }
    buckets.sort(ObjectNames::compareKeys);
    return buckets;
  }

  /** Every non-expired object of a bucket. */
  List<ObjectMetadata> live(String bucket) throws IOException {
    java.time.Instant now = clock.instant();
    List<ObjectMetadata> live = new ArrayList<>();
    for (ObjectFileHeader header : index.objects(ObjectFileLayout.bucketDirectoryName(bucket))) {
      if (header.metadata().bucket().equals(bucket) && !header.metadata().isExpiredAt(now)) {
        live.add(header.metadata());
      }
    }
    return live;
  }
}
