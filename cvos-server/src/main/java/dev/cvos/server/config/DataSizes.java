package dev.cvos.server.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads sizes written as {@code 1048576}, {@code 512k}, {@code 100m}, {@code 10g} or {@code 1t} (powers of 1024). */
final class DataSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)i?b?");

  private DataSizes() {}

  static long read(ConfigValues values, String key, long defaultValue, long min, long max) {
    return values.resolved(key, defaultValue, parse(values, key, defaultValue, min, max));
  }

  private static long parse(ConfigValues values, String key, long defaultValue, long min, long max) {
    String raw = values.raw(key);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    Matcher m = SIZE.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      values.error(key, "is '" + raw + "'; write a size such as 1048576, 512k, 100m or 10g");
      return defaultValue;
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      default -> 0;
    };
    long amount;
    try {
      amount = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      values.error(key, "is '" + raw + "', too large a number");
      return defaultValue;
    }
    if (amount > (Long.MAX_VALUE >> shift)) {
      values.error(key, "is '" + raw + "', too large");
      return defaultValue;
    }
    long bytes = amount << shift;
    if (bytes < min || bytes > max) {
      values.error(key, "is " + raw + " (" + bytes + " bytes); it must be between " + min + " and " + max + " bytes");
      return defaultValue;
    }
    return bytes;
  }
}
