package dev.cvos.server.object;

import dev.cvos.server.http.ApiException;
import dev.cvos.storage.spi.ByteRange;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a {@code Range} header of one byte range: {@code bytes=a-b}, {@code bytes=a-} or {@code
 * bytes=-n}. Anything else (another unit, several ranges, a malformed or reversed range) is a 400
 * {@code invalid_request}, so a client never gets a silent whole object it did not ask for.
 */
final class RangeHeader {
  private static final Pattern SINGLE = Pattern.compile("bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");
  private static final int MAX_DIGITS = 18;

  private RangeHeader() {}

  /** The range asked for; {@link ByteRange#ALL} when the header is absent. */
  static ByteRange parse(String header) {
    if (header == null) {
      return ByteRange.ALL;
    }
    if (header.contains(",")) {
      throw ApiException.invalidRequest("Range: only a single byte range is supported, got '" + header + "'");
    }
    Matcher m = SINGLE.matcher(header.trim());
    if (!m.matches()) {
      throw ApiException.invalidRequest("Range must be bytes=first-last, bytes=first- or bytes=-length; got '"
          + header + "'");
    }
    String first = m.group(1);
    String last = m.group(2);
    if (first.length() > MAX_DIGITS || last.length() > MAX_DIGITS) {
      throw ApiException.invalidRequest("Range holds a number too large: '" + header + "'");
    }
    if (first.isEmpty() && last.isEmpty()) {
      throw ApiException.invalidRequest("Range names no byte: '" + header + "'");
    }
    if (first.isEmpty()) {
      return ByteRange.suffix(Long.parseLong(last));
    }
    long start = Long.parseLong(first);
    if (last.isEmpty()) {
      return ByteRange.from(start);
    }
    long end = Long.parseLong(last);
    if (end < start) {
      throw ApiException.invalidRequest("Range ends before it starts: '" + header + "'");
    }
    return ByteRange.closed(start, end);
  }
}
