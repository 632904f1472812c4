package dev.cvos.server.object;

import dev.cvos.api.CvosHeaders;
import dev.cvos.storage.spi.ObjectMetadata;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The headers of an object's read answer, made in one place: {@link #found} for a 200 or 206,
 * {@link #notModified} for a 304 (a header every read answer carries is added in both). The values
 * that cost something to make are cached: the HTTP dates ({@code Last-Modified}, {@code Expires};
 * objects written in the same second share one) and the {@code Content-Type} in its normalized
 * form (a store holds few content types).
 */
final class ObjectHeaders {
  private static final int MAX_CACHED = 4096;
  private static final Map<Long, String> DATES = new ConcurrentHashMap<>();
  private static final Map<String, String> CONTENT_TYPES = new ConcurrentHashMap<>();

  private ObjectHeaders() {}

  /**
   * The headers of the object's 200 or 206 (but {@code Content-Length} and {@code Content-Range},
   * which depend on the range), in the order they are sent.
   */
  static Map<String, String> found(ObjectMetadata m, Optional<String> source, long version) {
    Map<String, String> headers = new LinkedHashMap<>(16);
    source.ifPresent(peer -> headers.put(CvosHeaders.SOURCE, peer));
    version(headers, version);
    headers.put("Content-Type", contentType(m.contentType()));
    headers.put("ETag", EntityTags.of(m.sha256()));
    headers.put("Last-Modified", httpDate(m.created()));
    headers.put(CvosHeaders.CREATED, m.created().toString());
    headers.put("Accept-Ranges", "bytes");
    if (m.expires() != null) {
      headers.put(CvosHeaders.EXPIRES, m.expires().toString());
      headers.put("Expires", httpDate(m.expires()));
    }
    return headers;
  }

  /** The headers of the object's 304: where it came from, its tag and date. */
  static Map<String, String> notModified(ObjectMetadata m, Optional<String> source, long version) {
    Map<String, String> headers = new LinkedHashMap<>(8);
    source.ifPresent(peer -> headers.put(CvosHeaders.SOURCE, peer));
    version(headers, version);
    headers.put("ETag", EntityTags.of(m.sha256()));
    headers.put("Last-Modified", httpDate(m.created()));
    return headers;
  }

  /** {@code X-Cvos-Version} when the object's catalog version is known (greater than 0). */
  private static void version(Map<String, String> headers, long version) {
    if (version > 0) {
      headers.put(CvosHeaders.VERSION, Long.toString(version));
    }
  }

  /** An HTTP date (RFC 1123) of the instant, to the second. */
  static String httpDate(Instant instant) {
    long second = instant.getEpochSecond();
    String date = DATES.get(second);
    if (date == null) {
      date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(ZoneOffset.UTC));
      if (DATES.size() >= MAX_CACHED) {
        DATES.clear();
      }
      DATES.put(second, date);
    }
    return date;
  }

  /** The media type of a stored content type; {@code application/octet-stream} when it is not one. */
  static MediaType mediaType(String stored) {
    try {
      return MediaType.valueOf(stored);
    } catch (IllegalArgumentException e) {
      return MediaType.APPLICATION_OCTET_STREAM_TYPE;
    }
  }

  /** The {@code Content-Type} of a stored content type, normalized as JAX-RS writes it. */
  static String contentType(String stored) {
    String value = CONTENT_TYPES.get(stored);
    if (value == null) {
      value = mediaType(stored).toString();
      if (CONTENT_TYPES.size() >= MAX_CACHED) {
        CONTENT_TYPES.clear();
      }
      CONTENT_TYPES.put(stored, value);
    }
    return value;
  }
}
