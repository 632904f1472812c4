package dev.cvos.peer;

import dev.cvos.domain.cluster.ServerRecord;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** The URLs of a peer's API, built from its registry URL, with names percent-encoded. */
final class PeerUris {
  private PeerUris() {}

  /** Whether the peer is reached over HTTPS: the peer key is never sent in clear. */
  static boolean isHttps(ServerRecord peer) {
    return "https".equalsIgnoreCase(peer.url().getScheme());
  }

  /** {@code <base>/v1/objects/<bucket>/<key>}, each key segment encoded, its slashes kept. */
  static URI object(ServerRecord peer, String bucket, String key) {
    StringJoiner path = new StringJoiner("/");
    for (String segment : key.split("/", -1)) {
      path.add(encode(segment));
    }
    return URI.create(base(peer) + "/v1/objects/" + encode(bucket) + "/" + path);
  }

  /** {@code <base>/v1/objects/<bucket>?prefix=&after=&limit=}. */
  static URI listing(ServerRecord peer, String bucket, String prefix, String after, int limit) {
    StringBuilder uri = new StringBuilder(base(peer)).append("/v1/objects/").append(encode(bucket))
        .append("?prefix=").append(encode(prefix)).append("&limit=").append(limit);
    if (after != null) {
      uri.append("&after=").append(encode(after));
    }
    return URI.create(uri.toString());
  }

  /** {@code <base>/health/live}: where a joining server greets its peers. */
  static URI live(ServerRecord peer) {
    return URI.create(base(peer) + "/health/live");
  }

  private static String base(ServerRecord peer) {
    String base = peer.url().toString();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  /** Percent-encodes every byte of the UTF-8 form except the unreserved characters of RFC 3986. */
  static String encode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
