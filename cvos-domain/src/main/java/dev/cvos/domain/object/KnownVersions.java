package dev.cvos.domain.object;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog versions this server learned of its keys (from its own writes, and from the catalog
 * on a miss), so a local hit can tell its version without a database round trip. Bounded: when full
 * it starts over (a hit whose version is not known is answered without it).
 */
final class KnownVersions {
  private static final int MAX = 100_000;
  private final Map<String, Long> versions = new ConcurrentHashMap<>();

  void learn(String bucket, String key, long version) {
    if (version <= 0) {
      return;
    }
    if (versions.size() >= MAX) {
      versions.clear();
    }
    versions.merge(name(bucket, key), version, Math::max);
  }

  void forget(String bucket, String key) {
    versions.remove(name(bucket, key));
  }

  /** The version, or 0 when not known. */
  long of(String bucket, String key) {
    Long version = versions.get(name(bucket, key));
    return version == null ? 0 : version;
  }

  private static String name(String bucket, String key) {
    return bucket + '/' + key;
  }
}
