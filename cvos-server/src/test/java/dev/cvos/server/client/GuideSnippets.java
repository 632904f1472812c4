package dev.cvos.server.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code blocks of a Markdown guide matched to the tagged regions of a Java source. The mapping:
 * a line {@code <!-- snippet: name -->} in the guide is followed (after blank lines at most) by a
 * fenced {@code ```java} block whose lines must equal the lines between {@code // tag::name[]}
 * and {@code // end::name[]} in the source, with the region's common indentation removed. A line
 * {@code <!-- file: relative/path -->} is followed by a fenced block of any language that must
 * equal that whole file (the path is relative to the guide), so a guide can show a starter's
 * {@code pom.xml} or a test class with its imports exactly as they build.
 */
final class GuideSnippets {
  private static final Pattern TAG = Pattern.compile("^\\s*// tag::([a-z0-9-]+)\\[]\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!-- snippet: ([a-z0-9-]+) -->\\s*$");
  private static final Pattern FILE_MARKER = Pattern.compile("^<!-- file: (\\S+) -->\\s*$");

  private final Map<String, List<String>> regions;
  private final List<String> mismatches = new ArrayList<>();
  private final Set<String> checked = new LinkedHashSet<>();

  private GuideSnippets(Map<String, List<String>> regions) {
    this.regions = regions;
  }

  static GuideSnippets of(Path source, Path guide) throws IOException {
    GuideSnippets snippets = new GuideSnippets(
        source == null ? Map.of() : regions(Files.readAllLines(source, StandardCharsets.UTF_8)));
    List<String> lines = Files.readAllLines(guide, StandardCharsets.UTF_8);
    snippets.check(lines);
    snippets.checkFiles(lines, guide.toAbsolutePath().getParent());
    return snippets;
  }

  private void checkFiles(List<String> guide, Path directory) throws IOException {
    for (int i = 0; i < guide.size(); i++) {
      Matcher marker = FILE_MARKER.matcher(guide.get(i));
      if (!marker.matches()) {
        continue;
      }
      String name = "file:" + marker.group(1);
      checked.add(name);
      int open = i + 1;
      if (open == guide.size() || !guide.get(open).startsWith("```")) {
        mismatches.add(name + ": no ``` block right after the marker on line " + (i + 1));
        continue;
      }
      int close = open + 1;
      while (close < guide.size() && !guide.get(close).equals("```")) {
        close++;
      }
      Path file = directory.resolve(marker.group(1)).normalize();
      if (!Files.isRegularFile(file)) {
        mismatches.add(name + ": no such file " + file);
        continue;
      }
      List<String> content = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (!content.equals(guide.subList(open + 1, close))) {
        mismatches.add(name + ": the block on lines " + (open + 2) + "-" + close
            + " differs from the file; it should read:\n" + String.join("\n", content));
      }
    }
  }

  /** What differs: one line per snippet whose block is not its region, or that names no region. */
  List<String> mismatches() {
    return mismatches;
  }

  /** Regions of the source that no snippet of the guide shows. */
  Set<String> unusedRegions() {
    Set<String> unused = new LinkedHashSet<>(regions.keySet());
    unused.removeAll(checked);
    return unused;
  }

  /** The snippets found in the guide. */
  Set<String> checked() {
    return checked;
  }

  static Map<String, List<String>> regions(List<String> lines) {
    Map<String, List<String>> regions = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher tag = TAG.matcher(lines.get(i));
      if (tag.matches()) {
        String end = "// end::" + tag.group(1) + "[]";
        int j = i + 1;
        while (j < lines.size() && !lines.get(j).strip().equals(end)) {
          j++;
        }
        if (j == lines.size()) {
          throw new IllegalArgumentException("region " + tag.group(1) + " has no " + end);
        }
        regions.put(tag.group(1), dedent(lines.subList(i + 1, j)));
      }
    }
    return regions;
  }

  private void check(List<String> guide) {
    for (int i = 0; i < guide.size(); i++) {
      Matcher marker = MARKER.matcher(guide.get(i));
      if (!marker.matches()) {
        continue;
      }
      String name = marker.group(1);
      checked.add(name);
      int open = i + 1;
      while (open < guide.size() && guide.get(open).isBlank()) {
        open++;
      }
      if (open == guide.size() || !guide.get(open).equals("```java")) {
        mismatches.add(name + ": no ```java block after the marker on line " + (i + 1));
        continue;
      }
      int close = open + 1;
      while (close < guide.size() && !guide.get(close).equals("```")) {
        close++;
      }
      List<String> block = guide.subList(open + 1, close);
      List<String> region = regions.get(name);
      if (region == null) {
        mismatches.add(name + ": no region tag::" + name + "[] in the source");
      } else if (!region.equals(block)) {
        mismatches.add(name + ": the block on lines " + (open + 2) + "-" + close
            + " differs from the source; it should read:\n" + String.join("\n", region));
      }
    }
  }

  private static List<String> dedent(List<String> lines) {
    int indent = lines.stream().filter(l -> !l.isBlank())
        .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
    return lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList();
  }
}
