package dev.cvos.server.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's configuration as flat dotted keys ({@code http.port}), read from {@code
 * conf/cvos.yaml} with environment overrides ({@code CVOS_HTTP_PORT} overrides {@code http.port}:
 * upper case, dots and dashes as underscores).
 *
 * <p>Typed config classes read their keys in their constructors through the typed getters here.
 * A bad value is recorded, not thrown, so that {@link #finish()} reports every problem together,
 * each naming its key and the fix; a key in the file that no config class read is an error with a
 * did-you-mean.
 */
public final class ConfigValues {
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final String ENV_PREFIX = "CVOS_";

  private final Map<String, String> fileValues;
  private final Map<String, String> environment;
  private final String source;
  private final Set<String> read = new TreeSet<>();
  private final Map<String, Setting> settings = new TreeMap<>();
  private final List<String> errors = new ArrayList<>();

  /**
   * A key the code read through a getter here: its default, and the value it resolved to.
   *
   * @param key the dotted key
   * @param defaultValue the default in the getter's type ({@link Duration}, {@link Path}, …); null
   *     when the code gives none here (a secret, or a value derived from other settings)
   * @param value the value the key resolved to (the default when unset or wrong)
   */
  public record Setting(String key, Object defaultValue, Object value) {}

  private ConfigValues(Map<String, String> fileValues, Map<String, String> environment, String source) {
    this.fileValues = new TreeMap<>(fileValues);
    this.environment = Map.copyOf(environment);
    this.source = source;
  }

  /** Configuration from a YAML file (which need not exist) and the given environment. */
  public static ConfigValues load(Path yamlFile, Map<String, String> environment)
      throws ConfigurationException {
    if (yamlFile == null || !Files.exists(yamlFile)) {
      return new ConfigValues(Map.of(), environment, "defaults");
    }
    byte[] yaml;
    try {
      yaml = Files.readAllBytes(yamlFile);
    } catch (IOException e) {
      throw new ConfigurationException(List.of(yamlFile + ": cannot be read: " + e.getMessage()));
    }
    try {
      List<String> duplicates = duplicateKeys(yaml);
      if (!duplicates.isEmpty()) {
        throw new ConfigurationException(duplicates.stream().map(d -> yamlFile + ": " + d).toList());
      }
      return new ConfigValues(parseYaml(new ByteArrayInputStream(yaml)), environment, yamlFile.toString());
    } catch (IOException | RuntimeException e) {
      throw new ConfigurationException(
          List.of(yamlFile + ": cannot be read as YAML: " + e.getMessage()
              + " (fix the syntax; every key is documented in the shipped conf/cvos.yaml)"));
    }
  }

  /** Configuration from flat keys, for tests and embedding. */
  public static ConfigValues of(Map<String, String> values, Map<String, String> environment) {
    return new ConfigValues(values, environment, "given values");
  }

  /**
   * Every key that appears twice in one mapping, naming both lines: YAML parsers keep the last
   * silently, so a section pasted under the shipped file would replace the shipped one unseen.
   */
  static List<String> duplicateKeys(byte[] yaml) throws IOException {
    List<String> duplicates = new ArrayList<>();
    Deque<Map<String, Integer>> mappings = new ArrayDeque<>();
    try (JsonParser parser = new YAMLFactory().createParser(yaml)) {
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          mappings.push(new HashMap<>());
        } else if (token == JsonToken.END_OBJECT) {
          mappings.pop();
        } else if (token == JsonToken.FIELD_NAME && !mappings.isEmpty()) {
          int line = parser.currentTokenLocation().getLineNr();
          Integer first = mappings.peek().putIfAbsent(parser.currentName(), line);
          if (first != null) {
            duplicates.add("the key " + dottedName(parser.getParsingContext()) + " appears twice, on line "
                + first + " and on line " + line + "; keep one (YAML would silently use only the last)");
          }
        }
      }
    }
    return duplicates;
  }

  private static String dottedName(JsonStreamContext context) {
    Deque<String> names = new ArrayDeque<>();
    for (JsonStreamContext c = context; c != null; c = c.getParent()) {
      if (c.getCurrentName() != null) {
        names.push(c.getCurrentName());
      }
    }
    return String.join(".", names);
  }

  private static Map<String, String> parseYaml(InputStream in) throws IOException {
    JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
    Map<String, String> flat = new TreeMap<>();
    if (root != null && !root.isMissingNode() && !root.isNull()) {
      flatten("", root, flat);
    }
    return flat;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray()) {
      List<String> items = new ArrayList<>();
      node.forEach(item -> items.add(item.asText()));
      out.put(prefix, String.join(",", items));
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }

  /** The environment variable that overrides {@code key}. */
  public static String environmentName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The raw value of a key, from the environment first, then the file; null when unset. */
  public String raw(String key) {
    read.add(key);
    String fromEnv = environment.get(environmentName(key));
    String value = fromEnv != null ? fromEnv : fileValues.get(key);
    settings.putIfAbsent(key, new Setting(key, null, value));
    return value;
  }

  /**
   * Every key read so far through a getter, with its default and resolved value (the keys under a
   * {@link #subtree} belong to a plugin and are not in it). What the shipped {@code conf/cvos.yaml}
   * documents is checked against this.
   */
  public Map<String, Setting> settingsRead() {
    return Collections.unmodifiableMap(settings);
  }

  /** Records what a typed getter resolved {@code key} to, and returns it. */
  <T> T resolved(String key, T defaultValue, T value) {
    settings.put(key, new Setting(key, defaultValue, value));
    return value;
  }

  /** Every key under {@code prefix} (with the prefix removed), from the file and environment. */
  public Map<String, String> subtree(String prefix) {
    String dotted = prefix.endsWith(".") ? prefix : prefix + ".";
    Map<String, String> out = new TreeMap<>();
    fileValues.keySet().stream().filter(k -> k.startsWith(dotted)).forEach(k -> {
      read.add(k);
      out.put(k.substring(dotted.length()), fileValues.get(k));
    });
    String envPrefix = environmentName(dotted);
    environment.forEach((name, value) -> {
      if (name.startsWith(envPrefix)) {
        out.put(name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    return out;
  }

  public String string(String key, String defaultValue) {
    String value = raw(key);
    return resolved(key, defaultValue, value == null || value.isBlank() ? defaultValue : value.trim());
  }

  public int integer(String key, int defaultValue, int min, int max) {
    return (int) longValue(key, defaultValue, min, max);
  }

  public long longValue(String key, long defaultValue, long min, long max) {
    return resolved(key, defaultValue, parseLong(key, defaultValue, min, max));
  }

  private long parseLong(String key, long defaultValue, long min, long max) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      long parsed = Long.parseLong(value.trim());
      if (parsed < min || parsed > max) {
        error(key, "is " + parsed + "; it must be between " + min + " and " + max);
        return defaultValue;
      }
      return parsed;
    } catch (NumberFormatException e) {
      error(key, "is '" + value + "', not a whole number; write a number between " + min + " and " + max);
      return defaultValue;
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    return resolved(key, defaultValue, parseBool(key, defaultValue));
  }

  private boolean parseBool(String key, boolean defaultValue) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
      case "yes":
      case "on":
        return true;
      case "false":
      case "no":
      case "off":
        return false;
      default:
        error(key, "is '" + value + "'; write true or false");
        return defaultValue;
    }
  }

  /** A duration written as {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h} or {@code 1d}. */
  public Duration duration(String key, Duration defaultValue, Duration min, Duration max) {
    return resolved(key, defaultValue, parseDuration(key, defaultValue, min, max));
  }

  private Duration parseDuration(String key, Duration defaultValue, Duration min, Duration max) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      error(key, "is '" + value + "'; write a duration such as 500ms, 30s, 5m, 2h or 1d");
      return defaultValue;
    }
    long amount = Long.parseLong(m.group(1));
    Duration parsed = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
    if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
      error(key, "is " + value + "; it must be between " + min + " and " + max);
      return defaultValue;
    }
    return parsed;
  }

  /** A path; relative paths are resolved against {@code base}. */
  public Path path(String key, Path defaultValue, Path base) {
    return resolved(key, defaultValue, parsePath(key, defaultValue, base));
  }

  private Path parsePath(String key, Path defaultValue, Path base) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    try {
      Path p = Path.of(value.trim());
      return p.isAbsolute() ? p : base.resolve(p).normalize();
    } catch (RuntimeException e) {
      error(key, "is '" + value + "', not a valid path");
      return defaultValue;
    }
  }

  /** One of a fixed set of lower-case words. */
  public <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
    return resolved(key, defaultValue, parseChoice(key, defaultValue, type));
  }

  private <E extends Enum<E>> E parseChoice(String key, E defaultValue, Class<E> type) {
    String value = raw(key);
    if (value == null || value.isBlank()) {
      return defaultValue;
    }
    String wanted = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equals(wanted)) {
        return constant;
      }
    }
    List<String> allowed = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      allowed.add(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    error(key, "is '" + value + "'; write one of " + String.join(", ", allowed));
    return defaultValue;
  }

  /** Records a problem with a key; reported by {@link #finish()}. */
  public void error(String key, String problem) {
    errors.add(key + " (env " + environmentName(key) + ") " + problem);
  }

  /**
   * Ends reading: throws every problem found, and every key of the file that nothing read.
   *
   * @throws ConfigurationException listing each problem on a line of its own
   */
  public void finish() throws ConfigurationException {
    List<String> problems = new ArrayList<>(errors);
    for (String key : fileValues.keySet()) {
      if (!read.contains(key)) {
        String suggestion = closest(key);
        problems.add(key + " in " + source + " is not a CVOS setting"
            + (suggestion == null ? "; remove it" : "; did you mean " + suggestion + "?"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }

  private String closest(String key) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : read) {
      int d = distance(key, candidate);
      if (d < bestDistance) {
        bestDistance = d;
        best = candidate;
      }
    }
    return bestDistance <= Math.max(3, key.length() / 3) ? best : null;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  @Override
  public String toString() {
    return "ConfigValues[" + Objects.toString(source) + "]";
  }
}
