package dev.cvos.server.quickstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fenced shell blocks of a Markdown file that a reader is told to run, and how the tests run
 * them. A block is runnable when the line right before its fence is a marker comment:
 *
 * <ul>
 *   <li>{@code <!-- runnable -->}: the block runs to its end with {@code bash -eo pipefail} and must
 *       exit 0;
 *   <li>{@code <!-- runnable: serves until "TEXT" -->}: the block starts something that serves in
 *       the foreground (a server, the demo cluster); the test starts it, waits until it prints
 *       TEXT, runs the blocks after it, and stops it with SIGTERM at the next {@code serves}
 *       block or at the end of its {@code ##} section: nothing it started may be left running.
 * </ul>
 *
 * <p>Blocks run from a scratch directory that links every top-level entry of the repository, so
 * {@code cvos-server/target/...} resolves to the built tree and {@code ./var} stays in the scratch
 * directory. A block that begins with the build ({@code ./mvnw ... package &&}) runs without it:
 * the test runs on the tree that build made.
 */
final class RunnableBlocks {
  static final Pattern MARKER =
      Pattern.compile("^<!--\\s*runnable(?::\\s*serves until \"([^\"]+)\")?\\s*-->\\s*$");
  private static final Pattern BUILD_PREFIX = Pattern.compile("^\\./mvnw [^\\n&]*\\bpackage\\s*&&\\s*");

  /** One fenced block: where it is, its text, and how it is marked (empty when not runnable). */
  record Block(Path file, int line, String section, String text, boolean runnable, Optional<String> servesUntil) {
    /** What the test runs: the text without a leading build. */
    String command() {
      return BUILD_PREFIX.matcher(text.strip()).replaceFirst("");
    }

    String where() {
      return file.getFileName() + ":" + line + " (section \"" + section + "\")";
    }
  }

  private RunnableBlocks() {}

  /** Every fenced block of {@code file}, in order. */
  static List<Block> blocks(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<Block> blocks = new ArrayList<>();
    String section = "";
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.startsWith("## ")) {
        section = line.substring(3).strip();
      } else if (line.startsWith("```")) {
        int start = i;
        StringBuilder text = new StringBuilder();
        for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        Matcher marker = start > 0 ? MARKER.matcher(lines.get(start - 1).strip()) : null;
        boolean runnable = marker != null && marker.matches();
        blocks.add(new Block(file, start + 1, section, text.toString(), runnable,
            runnable ? Optional.ofNullable(marker.group(1)) : Optional.empty()));
      }
    }
    return blocks;
  }

  /** The runnable blocks of {@code file}, grouped by {@code ##} section, in order. */
  static Map<String, List<Block>> runnableBySection(Path file) throws IOException {
    Map<String, List<Block>> sections = new LinkedHashMap<>();
    for (Block block : blocks(file)) {
      if (block.runnable()) {
        sections.computeIfAbsent(block.section(), s -> new ArrayList<>()).add(block);
      }
    }
    return sections;
  }

  /** The fenced blocks of one {@code ##} section. */
  static List<Block> section(Path file, String name) throws IOException {
    return blocks(file).stream().filter(b -> b.section().equals(name)).toList();
  }
}
