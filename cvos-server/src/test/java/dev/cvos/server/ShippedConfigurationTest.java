package dev.cvos.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ConfigValues.Setting;
import dev.cvos.server.config.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped {@code conf/cvos.yaml} documents every setting the code reads, with the code's
 * default: each key read through {@link ConfigValues} is a commented-out line {@code # key: value}
 * under its section, and the value is the default (unless the comment before it says {@code
 * Default: ...} in words, for a default computed from other settings, or the code has none or an
 * empty one, for a secret or an example). The keys under {@code storage.config} belong to the store plugin and are
 * left to it. A failure names each key that is missing, extra or different, and the line to write.
 */
class ShippedConfigurationTest {
  private static final Path SHIPPED = Path.of("src/main/dist/conf/cvos.yaml");
  private static final String PLUGIN_KEYS = "storage.config.";
  private static final Pattern SECTION = Pattern.compile("^(\\s*)([a-z][a-z0-9-]*):\\s*$");
  private static final Pattern SETTING =
      Pattern.compile("^(\\s*)#\\s([a-z][a-z0-9-]*):(?:\\s+(\\[[^\\]]*\\]|\"[^\"]*\"|\\S+))?\\s*$");
  private static final Pattern LIST_ITEM = Pattern.compile("^\\s*#\\s+-\\s+(\\S+)\\s*$");

  @TempDir
  Path base;

  /** A setting line of the shipped file. */
  private record Documented(String key, String value, boolean defaultInWords, int line) {}

  @Test
  void everyKeyTheCodeReadsIsInTheShippedFile() throws Exception {
    Map<String, Setting> read = codeDefaults();
    Map<String, Documented> documented = documented();
    List<String> missing = new ArrayList<>();
    read.values().forEach(setting -> {
      if (!documented.containsKey(setting.key())) {
        missing.add(setting.key() + " is read by the code but not in " + SHIPPED + "; add '# "
            + setting.key().substring(setting.key().lastIndexOf('.') + 1) + ": "
            + (noDefault(setting) ? "<example>" : shown(setting.defaultValue())) + "' under '"
            + setting.key().substring(0, setting.key().lastIndexOf('.')) + ":'");
      }
    });
    assertThat(missing).as("settings missing from the shipped cvos.yaml").isEmpty();
  }

  @Test
  void everyKeyOfTheShippedFileIsReadByTheCode() throws Exception {
    Map<String, Setting> read = codeDefaults();
    List<String> extra = new ArrayList<>();
    documented().values().forEach(d -> {
      if (!read.containsKey(d.key()) && !d.key().startsWith(PLUGIN_KEYS)) {
        extra.add(d.key() + " (line " + d.line() + ") is in " + SHIPPED + " but the code reads no such key");
      }
    });
    assertThat(extra).as("settings of the shipped cvos.yaml nothing reads").isEmpty();
  }

  @Test
  void everyDocumentedValueIsTheCodesDefault() throws Exception {
    Map<String, Setting> defaults = codeDefaults();
    Map<String, Documented> documented = documented();
    Map<String, String> asWritten = new LinkedHashMap<>();
    documented.values().forEach(d -> asWritten.put(d.key(), d.value()));
    ConfigValues values = ConfigValues.of(asWritten, Map.of());
    readAll(values);
    Map<String, Setting> parsed = values.settingsRead();
    List<String> different = new ArrayList<>();
    defaults.values().forEach(setting -> {
      Documented d = documented.get(setting.key());
      if (d == null || d.defaultInWords() || noDefault(setting)) {
        return;
      }
      Object written = parsed.get(setting.key()).value();
      if (!setting.defaultValue().equals(written)) {
        different.add(setting.key() + ": " + SHIPPED + " line " + d.line() + " says '" + d.value()
            + "' but the code's default is " + shown(setting.defaultValue()));
      }
    });
    assertThat(different).as("values of the shipped cvos.yaml that are not the code's defaults").isEmpty();
  }

  /** Every key the code reads, with its default: a configuration without any value, read whole. */
  private Map<String, Setting> codeDefaults() {
    ConfigValues values = ConfigValues.of(Map.of(), Map.of());
    readAll(values);
    Map<String, Setting> read = new LinkedHashMap<>(values.settingsRead());
    read.keySet().removeIf(key -> key.startsWith(PLUGIN_KEYS));
    assertThat(read).as("keys read by the code").isNotEmpty();
    return read;
  }

  private void readAll(ConfigValues values) {
    try {
      CvosConfig.read(values, base);
    } catch (ConfigurationException e) {
      // A missing API key and the like: every key was read all the same.
    }
  }

  /** The commented-out settings of the shipped file, by dotted key (the first line of each key). */
  private static Map<String, Documented> documented() throws IOException {
    List<String> lines = Files.readAllLines(SHIPPED);
    Map<String, Documented> settings = new LinkedHashMap<>();
    List<int[]> indents = new ArrayList<>();
    List<String> sections = new ArrayList<>();
    boolean defaultInWords = false;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher section = SECTION.matcher(line);
      Matcher setting = SETTING.matcher(line);
      if (line.isBlank()) {
        defaultInWords = false;
      } else if (section.matches()) {
        int indent = section.group(1).length();
        popTo(indent, indents, sections);
        indents.add(new int[] {indent});
        sections.add(section.group(2));
        defaultInWords = false;
      } else if (setting.matches()) {
        int indent = setting.group(1).length();
        popTo(indent, indents, sections);
        String key = String.join(".", sections) + "." + setting.group(2);
        String value = setting.group(3);
        if (value == null) {
          List<String> items = new ArrayList<>();
          for (int j = i + 1; j < lines.size() && LIST_ITEM.matcher(lines.get(j)).matches(); j++) {
            Matcher item = LIST_ITEM.matcher(lines.get(j));
            item.matches();
            items.add(item.group(1));
          }
          value = String.join(",", items);
        } else if (value.startsWith("[")) {
          value = value.substring(1, value.length() - 1).replace(" ", "");
        } else if (value.startsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        settings.putIfAbsent(key, new Documented(key, value, defaultInWords, i + 1));
        defaultInWords = false;
      } else if (line.contains("Default:")) {
        defaultInWords = true;
      }
    }
    return settings;
  }

  private static void popTo(int indent, List<int[]> indents, List<String> sections) {
    while (!indents.isEmpty() && indents.get(indents.size() - 1)[0] >= indent) {
      indents.remove(indents.size() - 1);
      sections.remove(sections.size() - 1);
    }
  }

  /** No default in the code: none at all, or empty (unset: the file shows an example). */
  private static boolean noDefault(Setting setting) {
    return setting.defaultValue() == null || "".equals(setting.defaultValue());
  }

  /** A default as the file writes it. */
  private String shown(Object value) {
    if (value instanceof Duration d) {
      long ms = d.toMillis();
      for (Object[] unit : new Object[][] {{86_400_000L, "d"}, {3_600_000L, "h"}, {60_000L, "m"}, {1000L, "s"}}) {
        if (ms % (Long) unit[0] == 0) {
          return ms / (Long) unit[0] + (String) unit[1];
        }
      }
      return ms + "ms";
    }
    if (value instanceof Path p) {
      return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
    return String.valueOf(value);
  }
}
