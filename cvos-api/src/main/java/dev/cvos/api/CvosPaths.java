package dev.cvos.api;

import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** The paths of the API and the encoding of names in them. */
public final class CvosPaths {
  /** Objects: {@code /v1/objects/{bucket}} and {@code /v1/objects/{bucket}/{key}}. */
  public static final String OBJECTS = "/v1/objects";

  /** The cluster view. */
  public static final String CLUSTER = "/v1/cluster";

  /** Liveness: 200 while the process runs. */
  public static final String HEALTH_LIVE = "/health/live";

  /** Readiness: 200 when storage, database and registry are usable. */
  public static final String HEALTH_READY = "/health/ready";

  /** Prometheus text. */
  public static final String METRICS = "/metrics";

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private CvosPaths() {}

  /** The path of a bucket: {@code /v1/objects/{bucket}}. */
  public static String bucket(String bucket) {
    return OBJECTS + "/" + encodeSegment(bucket);
  }

  /** {@code /v1/objects/{bucket}?prefix=&after=&limit=}, a listing page; null arguments are left out. */
  public static String listing(String bucket, String prefix, String after, Integer limit) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    if (prefix != null) {
      query.add("prefix=" + encodeSegment(prefix));
    }
    if (after != null) {
      query.add("after=" + encodeSegment(after));
    }
    if (limit != null) {
      query.add("limit=" + limit);
    }
    return bucket(bucket) + query;
  }

  /** The path of an object; each segment of the key is percent-encoded, {@code /} is kept. */
  public static String object(String bucket, String key) {
    StringBuilder path = new StringBuilder(bucket(bucket)).append('/');
    String[] segments = key.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        path.append('/');
      }
      path.append(encodeSegment(segments[i]));
    }
    return path.toString();
  }

  /**
   * Percent-encodes a path segment or query value as RFC 3986 asks: every byte of its UTF-8
   * except the unreserved characters.
   */
  public static String encodeSegment(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (unreserved) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
      }
    }
    return out.toString();
  }
}
