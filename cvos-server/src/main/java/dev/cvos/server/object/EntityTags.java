package dev.cvos.server.object;

/** The {@code ETag} of an object is its quoted SHA-256; {@code If-None-Match} is matched weakly. */
final class EntityTags {
  private EntityTags() {}

  static String of(String sha256) {
    return "\"" + sha256 + "\"";
  }

  /** Whether an {@code If-None-Match} value ({@code *}, or a list of tags) matches the object. */
  static boolean matches(String ifNoneMatch, String sha256) {
    String wanted = of(sha256);
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*")) {
        return true;
      }
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals(wanted)) {
        return true;
      }
    }
    return false;
  }
}
