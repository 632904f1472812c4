package dev.cvos.storage.smb;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations written as configuration writes them: {@code 500ms}, {@code 5s}, {@code 2m}. */
final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|h|d)");

  private static final String HINT =
      "not a duration: write a number and a unit (ms, s, m, h, d), such as 5s or 500ms";

  private Durations() {}

  /**
   * Parses a duration such as {@code 5s}, or an ISO-8601 one such as {@code PT5S}.
   *
   * @throws IllegalArgumentException saying which forms are accepted
   */
  static Duration parse(String text) {
    String value = text.trim().toLowerCase(Locale.ROOT);
    Matcher matcher = FORM.matcher(value);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      switch (matcher.group(2)) {
        case "ms":
          return Duration.ofMillis(amount);
        case "s":
          return Duration.ofSeconds(amount);
        case "m":
          return Duration.ofMinutes(amount);
        case "h":
          return Duration.ofHours(amount);
        default:
          return Duration.ofDays(amount);
      }
    }
    try {
      if (value.startsWith("p")) {
        return Duration.parse(value.toUpperCase(Locale.ROOT));
      }
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(HINT, e);
    }
    throw new IllegalArgumentException(HINT);
  }
}
