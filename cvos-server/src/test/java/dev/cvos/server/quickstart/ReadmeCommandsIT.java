package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the README and the docs mark runnable works as printed (the markers:
 * {@link RunnableBlocks}): one test per {@code ##} section holding such blocks, run by
 * {@link BlockRunner} on the built tree. A failure names the file, line and section and shows the
 * block.
 */
class ReadmeCommandsIT {
  static final Path REPOSITORY =
      Path.of(System.getProperty("cvos.repository", "..")).toAbsolutePath().normalize();

  @TempDir
  Path temp;

  @TestFactory
  Stream<DynamicTest> everyRunnableBlockWorksAsPrinted() throws IOException {
    BlockRunner runner = new BlockRunner(REPOSITORY, temp, Duration.ofMinutes(6), Duration.ofMinutes(5));
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : markdownFiles()) {
      RunnableBlocks.runnableBySection(file).forEach((section, blocks) -> tests.add(DynamicTest.dynamicTest(
          REPOSITORY.relativize(file) + " ## " + section, () -> runner.runSection(blocks))));
    }
    assertThat(tests).as("sections with runnable blocks (the README's quick start, at least)").isNotEmpty();
    return tests.stream();
  }

  /** README.md, the module READMEs and docs/*.md. */
  static List<Path> markdownFiles() throws IOException {
    try (Stream<Path> files = Files.walk(REPOSITORY, 3)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(p -> REPOSITORY.relativize(p).getNameCount() <= 2
              || REPOSITORY.relativize(p).startsWith("docs"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")
              && !p.toString().contains("/node_modules/"))
          .sorted()
          .toList();
    }
  }
}
