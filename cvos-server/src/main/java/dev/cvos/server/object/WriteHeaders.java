package dev.cvos.server.object;

import dev.cvos.api.CvosHeaders;
import dev.cvos.domain.object.ObjectWrite;
import dev.cvos.server.http.ApiException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.util.List;

/** Reads the headers of a PUT or POST into an {@link ObjectWrite}, refusing malformed ones with 400. */
final class WriteHeaders {
  /** Ten years: a longer expiry is surely a mistake. */
  static final long MAX_EXPIRES_AFTER_SECONDS = 10L * 366 * 24 * 3600;
  private static final int MAX_CONTENT_TYPE_LENGTH = 255;

  private WriteHeaders() {}

  static ObjectWrite read(HttpHeaders headers, boolean allowCreateOnly) {
    return new ObjectWrite(contentLength(headers), contentType(headers), sha256(headers), expiresAfter(headers),
        createOnly(headers, allowCreateOnly));
  }

  private static long contentLength(HttpHeaders headers) {
    String value = single(headers, HttpHeaders.CONTENT_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      long length = Long.parseLong(value.trim());
      if (length < 0) {
        throw ApiException.invalidRequest("Content-Length is negative");
      }
      return length;
    } catch (NumberFormatException e) {
      throw ApiException.invalidRequest("Content-Length is not a number: '" + value + "'");
    }
  }

  private static String contentType(HttpHeaders headers) {
    String value = single(headers, HttpHeaders.CONTENT_TYPE);
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > MAX_CONTENT_TYPE_LENGTH) {
      throw ApiException.invalidRequest("Content-Type is longer than " + MAX_CONTENT_TYPE_LENGTH + " characters");
    }
    try {
      MediaType parsed = MediaType.valueOf(value.trim());
      if (parsed.isWildcardType() || parsed.isWildcardSubtype()) {
        throw ApiException.invalidRequest("Content-Type must name one media type, not '" + value + "'");
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidRequest("Content-Type is not a media type: '" + value + "'");
    }
    for (char c : value.toCharArray()) {
      if (c < 0x20 || c > 0x7e) {
        throw ApiException.invalidRequest("Content-Type holds a character outside printable ASCII");
      }
    }
    return value.trim();
  }

  private static String sha256(HttpHeaders headers) {
    String value = single(headers, CvosHeaders.SHA256);
    if (value == null) {
      return null;
    }
    if (!value.trim().matches("[0-9a-fA-F]{64}")) {
      throw ApiException.invalidRequest(CvosHeaders.SHA256 + " must be 64 hex digits, got '" + value + "'");
    }
    return value.trim();
  }

  private static Duration expiresAfter(HttpHeaders headers) {
    String value = single(headers, CvosHeaders.EXPIRES_AFTER);
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (!trimmed.matches("\\d{1,12}")) {
      throw ApiException.invalidRequest(CvosHeaders.EXPIRES_AFTER + " must be a whole number of seconds (0 or more), got '"
          + value + "'");
    }
    long seconds = Long.parseLong(trimmed);
    if (seconds > MAX_EXPIRES_AFTER_SECONDS) {
      throw ApiException.invalidRequest(CvosHeaders.EXPIRES_AFTER + " is more than ten years (" + MAX_EXPIRES_AFTER_SECONDS
          + " seconds)");
    }
    return Duration.ofSeconds(seconds);
  }

  private static boolean createOnly(HttpHeaders headers, boolean allowed) {
    String value = single(headers, HttpHeaders.IF_NONE_MATCH);
    if (value == null) {
      return false;
    }
    if (!value.trim().equals("*")) {
      throw ApiException.invalidRequest("a write supports only 'If-None-Match: *' (create only), got '" + value + "'");
    }
    if (!allowed) {
      throw ApiException.invalidRequest("If-None-Match is not supported on POST: the server picks a new key");
    }
    return true;
  }

  private static String single(HttpHeaders headers, String name) {
    List<String> values = headers.getRequestHeader(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw ApiException.invalidRequest(name + " is sent more than once");
    }
    return values.get(0);
  }
}
