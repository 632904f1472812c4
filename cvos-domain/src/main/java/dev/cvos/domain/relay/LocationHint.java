package dev.cvos.domain.relay;

import java.util.Optional;

/**
 * Which server probably stored an object, read from its key. The key generator decides the format
 * of the keys it makes, so it supplies the matching hint; the relay asks the hinted server first
 * when it is a registered storing peer, and ignores a hint that names no such server.
 */
@FunctionalInterface
public interface LocationHint {

  /** The id of the server that probably stored {@code key}, if the key says. */
  Optional<String> serverIdOf(String bucket, String key);

  /** No hint: every peer is asked in ranking order. */
  static LocationHint none() {
    return (bucket, key) -> Optional.empty();
  }

  /**
   * The hint for keys a server generates as {@code <server-id>.<random>}: everything before the
   * first {@code '.'} of the key's last {@code '/'}-separated segment, when that is not empty.
   * A client-chosen key gives a hint too; the relay ignores it unless it names a registered server.
   */
  static LocationHint serverIdPrefix() {
    return (bucket, key) -> {
      String lastSegment = key.substring(key.lastIndexOf('/') + 1);
      int dot = lastSegment.indexOf('.');
      return dot > 0 ? Optional.of(lastSegment.substring(0, dot)) : Optional.empty();
    };
  }
}
