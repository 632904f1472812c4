package dev.cvos.storage.local;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The local store's configuration, read from the keys under {@code storage.config.}.
 *
 * @param root {@code root}: the directory that holds the objects; it must exist (so an unmounted
 *     NFS share is noticed instead of filled from the local disk underneath)
 * @param fsync {@code fsync} (default {@code true}): force every object and its directory to disk
 *     before a write returns; turn it off only for throw-away data
 * @param temporaryFileMaxAge {@code temp-max-age} (default {@code 1h}, at least {@code 1m}): how
 *     old another server's temporary file must be before a start removes it
 */
public record LocalStoreConfig(Path root, boolean fsync, Duration temporaryFileMaxAge) {
  /** The keys this store reads. */
  public static final Set<String> KEYS = Set.of("root", "fsync", "temp-max-age");

  private static final Duration DEFAULT_TEMP_MAX_AGE = Duration.ofHours(1);
  private static final Duration MIN_TEMP_MAX_AGE = Duration.ofMinutes(1);
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h|d)");

  public LocalStoreConfig {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(temporaryFileMaxAge, "temporaryFileMaxAge");
    if (temporaryFileMaxAge.compareTo(MIN_TEMP_MAX_AGE) < 0) {
      throw new IllegalArgumentException("temporaryFileMaxAge must be at least " + MIN_TEMP_MAX_AGE);
    }
  }

  /**
   * Reads and checks the configuration, reporting every problem at once.
   *
   * @throws IllegalArgumentException naming each bad or unknown key and how to fix it
   */
  public static LocalStoreConfig from(Map<String, String> config) {
    List<String> errors = new ArrayList<>();
    for (String key : new TreeSet<>(config.keySet())) {
      if (!KEYS.contains(key)) {
        errors.add("storage.config." + key + " is not a setting of the local store (it has "
            + String.join(", ", new TreeSet<>(KEYS)) + ")");
      }
    }
    Path root = parseRoot(config.get("root"), errors);
    boolean fsync = parseBoolean(config.get("fsync"), errors);
    Duration maxAge = parseDuration(config.get("temp-max-age"), errors);
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException("local store configuration: " + String.join("; ", errors));
    }
    return new LocalStoreConfig(root, fsync, maxAge);
  }

  private static Path parseRoot(String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      errors.add("storage.config.root is required: the directory that holds the objects");
      return null;
    }
    try {
      Path root = Path.of(value.trim()).toAbsolutePath().normalize();
      if (!Files.isDirectory(root)) {
        errors.add("storage.config.root is '" + value + "', which is not an existing directory;"
            + " create it (or mount the share there) first");
      }
      return root;
    } catch (InvalidPathException e) {
      errors.add("storage.config.root is '" + value + "', which is not a path: " + e.getReason());
      return null;
    }
  }

  private static boolean parseBoolean(String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      return true;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        errors.add("storage.config.fsync is '" + value + "'; write true or false");
        return true;
    }
  }

  private static Duration parseDuration(String value, List<String> errors) {
    if (value == null || value.isBlank()) {
      return DEFAULT_TEMP_MAX_AGE;
    }
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      errors.add("storage.config.temp-max-age is '" + value + "'; write a duration such as 30m, 2h or 1d");
      return DEFAULT_TEMP_MAX_AGE;
    }
    long amount = Long.parseLong(m.group(1));
    Duration parsed;
    switch (m.group(2)) {
      case "ms":
        parsed = Duration.ofMillis(amount);
        break;
      case "s":
        parsed = Duration.ofSeconds(amount);
        break;
      case "m":
        parsed = Duration.ofMinutes(amount);
        break;
      case "h":
        parsed = Duration.ofHours(amount);
        break;
      default:
        parsed = Duration.ofDays(amount);
        break;
    }
    if (parsed.compareTo(MIN_TEMP_MAX_AGE) < 0) {
      errors.add("storage.config.temp-max-age is '" + value + "'; it must be at least 1m, or a start"
          + " could remove a file another server is still writing");
      return DEFAULT_TEMP_MAX_AGE;
    }
    return parsed;
  }
}
