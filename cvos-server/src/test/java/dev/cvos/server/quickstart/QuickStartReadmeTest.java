package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.quickstart.RunnableBlocks.Block;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's front door keeps its shape: "## Quick start" holds exactly two commands (build and
 * start; run every test, which .ci/run takes from there), "## Try a cluster" starts the demo, and
 * every runnable marker in the Markdown files is spelt right and stands right before a fence (a
 * misspelt marker would silently leave its block untested).
 */
class QuickStartReadmeTest {
  private static final Path README = ReadmeCommandsIT.REPOSITORY.resolve("README.md");

  @Test
  void theQuickStartHoldsTheTwoCommandsInOrder() throws Exception {
    List<Block> blocks = RunnableBlocks.section(README, "Quick start");
    assertThat(blocks).extracting(b -> b.text().strip()).containsExactly(
        "./mvnw -B -q -DskipTests package && cvos-server/target/cvos-server-dev",
        "./mvnw -B verify");
    assertThat(blocks.get(0).servesUntil()).as("the first command is run by ReadmeCommandsIT").isPresent();
  }

  @Test
  void tryAClusterStartsTheDemoAndRunsItsCurlLines() throws Exception {
    List<Block> blocks = RunnableBlocks.section(README, "Try a cluster");
    assertThat(blocks).filteredOn(b -> b.servesUntil().isPresent())
        .extracting(Block::text).anyMatch(t -> t.startsWith("cvos-server/target/cvos-cluster-demo "));
    assertThat(blocks).filteredOn(b -> b.runnable() && b.servesUntil().isEmpty())
        .extracting(Block::text).anyMatch(t -> t.contains("$B_URL") && t.contains("-X DELETE"));
  }

  @Test
  void everyRunnableMarkerIsWellFormedAndBeforeAFence() throws Exception {
    for (Path file : ReadmeCommandsIT.markdownFiles()) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.startsWith("<!--") && line.contains("runnable")) {
          String where = file + ":" + (i + 1) + ": " + line;
          assertThat(RunnableBlocks.MARKER.matcher(line).matches()).as(where + " is a marker").isTrue();
          assertThat(i + 1 < lines.size() && lines.get(i + 1).startsWith("```"))
              .as(where + " stands right before a fence").isTrue();
        }
      }
    }
  }
}
