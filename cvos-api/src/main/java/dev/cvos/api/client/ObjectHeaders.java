package dev.cvos.api.client;

import dev.cvos.api.CvosHeaders;
import dev.cvos.api.ObjectInfo;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reads an {@link ObjectInfo} from the headers of a GET or HEAD answer. */
final class ObjectHeaders {
  private ObjectHeaders() {}

  static ObjectInfo info(String bucket, String key, HttpHeaders headers) throws IOException {
    String etag = require(headers, "ETag");
    String sha256 = etag.startsWith("W/") ? etag.substring(2) : etag;
    sha256 = sha256.replace("\"", "");
    String contentType = headers.firstValue("Content-Type").orElse("application/octet-stream");
    Instant created = headers.firstValue(CvosHeaders.CREATED).map(Instant::parse)
        .orElseGet(() -> headers.firstValue("Last-Modified").map(ObjectHeaders::httpDate).orElse(Instant.EPOCH));
    Instant expires = headers.firstValue(CvosHeaders.EXPIRES).map(Instant::parse).orElse(null);
    String version = headers.firstValue(CvosHeaders.VERSION).orElse(null);
    return new ObjectInfo(bucket, key, size(headers), sha256, contentType, created, expires, version);
  }

  /** The object's size: the total of a {@code Content-Range}, else the {@code Content-Length}. */
  static long size(HttpHeaders headers) throws IOException {
    String range = headers.firstValue("Content-Range").orElse(null);
    if (range != null) {
      return parseLong(range.substring(range.lastIndexOf('/') + 1), range);
    }
    return parseLong(require(headers, "Content-Length"), "Content-Length");
  }

  /** The first byte's offset in a {@code 206}'s {@code Content-Range: bytes a-b/size}, else 0. */
  static long offset(HttpHeaders headers) throws IOException {
    String range = headers.firstValue("Content-Range").orElse(null);
    if (range == null) {
      return 0;
    }
    int space = range.indexOf(' ');
    int dash = range.indexOf('-');
    if (space < 0 || dash < space) {
      throw new IOException("malformed Content-Range: " + range);
    }
    return parseLong(range.substring(space + 1, dash), range);
  }

  private static String require(HttpHeaders headers, String name) throws IOException {
    return headers.firstValue(name).orElseThrow(() -> new IOException("the answer has no " + name + " header"));
  }

  private static long parseLong(String value, String what) throws IOException {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IOException("malformed " + what, e);
    }
  }

  private static Instant httpDate(String value) {
    try {
      return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.EPOCH;
    }
  }
}
