package dev.cvos.peer;

import dev.cvos.api.CvosHeaders;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ResolvedRange;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * Reads what a peer answered: object metadata from the headers of a GET or HEAD, the JSON error
 * body, and the JSON listing of docs/http-api.md.
 */
final class PeerResponses {
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes \\*/(\\d+)");
  private static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";

  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  /** The JSON error record of docs/http-api.md. */
  record ErrorJson(String error, String message) {}

  /** The {@code ObjectInfo} JSON record of docs/http-api.md. */
  record ObjectInfoJson(
      String bucket, String key, long size, String sha256, String contentType, Instant created,
      Instant expires) {}

  /** The listing JSON of docs/http-api.md. */
  record ListingJson(List<ObjectInfoJson> items, String next) {}

  /** A 200 or 206 answer's range and the whole object's size. */
  record Extent(ResolvedRange range, long size) {}

  /** The range of a 200 (the whole object) or 206 (from {@code Content-Range}) answer. */
  Extent extent(int status, HttpFields headers) throws PeerProtocolException {
    if (status == 206) {
      String contentRange = required(headers, HttpHeader.CONTENT_RANGE.asString());
      Matcher matcher = CONTENT_RANGE.matcher(contentRange.trim());
      if (!matcher.matches()) {
        throw new PeerProtocolException("malformed Content-Range: " + contentRange);
      }
      long first = Long.parseLong(matcher.group(1));
      long last = Long.parseLong(matcher.group(2));
      long size = Long.parseLong(matcher.group(3));
      if (last < first || last >= size) {
        throw new PeerProtocolException("impossible Content-Range: " + contentRange);
      }
      return new Extent(new ResolvedRange(first, last - first + 1), size);
    }
    long size = contentLength(headers);
    return new Extent(new ResolvedRange(0, size), size);
  }

  /** The object's size from {@code Content-Length}. */
  long contentLength(HttpFields headers) throws PeerProtocolException {
    long length = headers.getLongField(HttpHeader.CONTENT_LENGTH);
    if (length < 0) {
      throw new PeerProtocolException("no Content-Length");
    }
    return length;
  }

  /** The size a 416 answer names in {@code Content-Range: bytes *}{@code /<size>}. */
  long unsatisfiedSize(HttpFields headers) throws PeerProtocolException {
    String contentRange = required(headers, HttpHeader.CONTENT_RANGE.asString());
    Matcher matcher = UNSATISFIED_RANGE.matcher(contentRange.trim());
    if (!matcher.matches()) {
      throw new PeerProtocolException("malformed Content-Range on 416: " + contentRange);
    }
    return Long.parseLong(matcher.group(1));
  }

  /** The metadata an object's GET or HEAD answer carries in its headers. */
  ObjectMetadata metadata(String bucket, String key, long size, HttpFields headers)
      throws PeerProtocolException {
    String etag = required(headers, HttpHeader.ETAG.asString()).trim();
    if (etag.startsWith("W/")) {
      etag = etag.substring(2);
    }
    if (etag.length() < 2 || !etag.startsWith("\"") || !etag.endsWith("\"")) {
      throw new PeerProtocolException("ETag is not a quoted SHA-256: " + etag);
    }
    String contentType = Optional.ofNullable(headers.get(HttpHeader.CONTENT_TYPE)).orElse(DEFAULT_CONTENT_TYPE);
    try {
      return new ObjectMetadata(bucket, key, size, etag.substring(1, etag.length() - 1), contentType,
          created(headers), instant(headers.get(CvosHeaders.EXPIRES)));
    } catch (IllegalArgumentException e) {
      throw new PeerProtocolException("object headers are not valid: " + e.getMessage(), e);
    }
  }

  private static Instant created(HttpFields headers) throws PeerProtocolException {
    String created = headers.get(CvosHeaders.CREATED);
    if (created != null) {
      return instant(created);
    }
    String lastModified = required(headers, HttpHeader.LAST_MODIFIED.asString());
    try {
      return ZonedDateTime.parse(lastModified, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeException e) {
      throw new PeerProtocolException("malformed Last-Modified: " + lastModified, e);
    }
  }

  private static Instant instant(String text) throws PeerProtocolException {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeException e) {
      throw new PeerProtocolException("not an ISO-8601 instant: " + text, e);
    }
  }

  /** The error code of a JSON error body, if the body is one. */
  Optional<String> errorCode(byte[] body) {
    try {
      ErrorJson error = json.readValue(body, ErrorJson.class);
      return Optional.ofNullable(error == null ? null : error.error());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A listing page. */
  ObjectListing listing(byte[] body) throws PeerProtocolException {
    try {
      ListingJson listing = json.readValue(body, ListingJson.class);
      if (listing == null || listing.items() == null) {
        throw new PeerProtocolException("listing without items");
      }
      return new ObjectListing(listing.items().stream().map(PeerResponses::toMetadata).toList(),
          listing.next());
    } catch (JacksonException | IllegalArgumentException e) {
      throw new PeerProtocolException("listing is not valid JSON of ObjectInfo items: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new PeerProtocolException("listing cannot be read: " + e.getMessage(), e);
    }
  }

  private static ObjectMetadata toMetadata(ObjectInfoJson info) {
    if (info == null || info.bucket() == null || info.key() == null || info.sha256() == null
        || info.created() == null) {
      throw new IllegalArgumentException("an item lacks bucket, key, sha256 or created: " + info);
    }
    return new ObjectMetadata(info.bucket(), info.key(), info.size(), info.sha256(),
        info.contentType() == null ? DEFAULT_CONTENT_TYPE : info.contentType(), info.created(),
        info.expires());
  }

  private static String required(HttpFields headers, String name) throws PeerProtocolException {
    String value = headers.get(name);
    if (value == null) {
      throw new PeerProtocolException("no " + name + " header");
    }
    return value;
  }
}
