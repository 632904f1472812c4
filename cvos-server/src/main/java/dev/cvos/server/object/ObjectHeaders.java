package dev.cvos.server.object;

import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The header values of an object's answer that cost something to make: the HTTP dates ({@code
 * Last-Modified}, {@code Expires}) and the {@code Content-Type} as Jersey writes it. Both {@link
 * ObjectResource} and {@link ObjectFastPath} take them from here, so their answers are the same.
 * Recent values are cached: objects written in the same second share a date, and a store holds few
 * content types.
 */
final class ObjectHeaders {
  private static final int MAX_CACHED = 4096;
  private static final Map<Long, String> DATES = new ConcurrentHashMap<>();
  private static final Map<String, String> CONTENT_TYPES = new ConcurrentHashMap<>();

  private ObjectHeaders() {}

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

  /** The {@code Content-Type} value Jersey writes for a stored content type. */
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
