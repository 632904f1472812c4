package dev.cvos.server.object;

import dev.cvos.server.http.ApiException;
import jakarta.ws.rs.core.UriInfo;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bucket and key of an object path, decoded from the raw request path. Jersey's path
 * parameters drop everything after a {@code ;} in a segment (matrix parameters); in a key a
 * {@code ;} is a character like any other, so names are decoded here instead. A {@code /} of a key
 * may come percent-encoded ({@code %2F}, as generated clients send it): it decodes to the same key.
 */
final class RawNames {
  private static final String PREFIX = "v1/objects/";

  private RawNames() {}

  /** The decoded bucket and key of {@code /v1/objects/{bucket}/{key}}; key null for a bucket path. */
  record Names(String bucket, String key) {}

  static Names of(UriInfo uri) {
    String path = uri.getRequestUri().getRawPath();
    String base = uri.getBaseUri().getRawPath();
    String relative = path.startsWith(base) ? path.substring(base.length()) : path;
    if (relative.startsWith("/")) {
      relative = relative.substring(1);
    }
    if (!relative.startsWith(PREFIX)) {
      throw ApiException.invalidRequest("not an object path: " + path);
    }
    String rest = relative.substring(PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash < 0) {
      return new Names(decode(rest), null);
    }
    return new Names(decode(rest.substring(0, slash)), decode(rest.substring(slash + 1)));
  }

  /** Percent-decodes (a {@code +} stays a {@code +}) and checks the bytes are UTF-8. */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int high = Character.digit(raw.charAt(i + 1), 16);
        int low = Character.digit(raw.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          throw ApiException.invalidRequest("the path holds a malformed percent-escape");
        }
        bytes.write(high * 16 + low);
        i += 2;
      } else if (c == '%') {
        throw ApiException.invalidRequest("the path holds a malformed percent-escape");
      } else {
        byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(encoded, 0, encoded.length);
      }
    }
    try {
      CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw ApiException.invalidRequest("the path is not percent-encoded UTF-8");
    }
  }
}
