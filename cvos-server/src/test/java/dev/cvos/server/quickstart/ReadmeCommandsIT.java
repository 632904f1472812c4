package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.quickstart.RunnableBlocks.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command the README and the docs mark runnable works as printed (the markers:
 * {@link RunnableBlocks}): one test per {@code ##} section holding such blocks, run on the built
 * tree in a scratch directory. A failure names the file, line and section and shows the block.
 */
class ReadmeCommandsIT {
  static final Path REPOSITORY =
      Path.of(System.getProperty("cvos.repository", "..")).toAbsolutePath().normalize();

  @TempDir
  Path temp;

  @TestFactory
  Stream<DynamicTest> everyRunnableBlockWorksAsPrinted() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Path file : markdownFiles()) {
      RunnableBlocks.runnableBySection(file).forEach((section, blocks) -> tests.add(DynamicTest.dynamicTest(
          REPOSITORY.relativize(file) + " ## " + section, () -> runSection(blocks))));
    }
    assertThat(tests).as("sections with runnable blocks (the README's quick start, at least)").isNotEmpty();
    return tests.stream();
  }

  private void runSection(List<Block> blocks) throws Exception {
    Path work = scratchDirectory();
    ForegroundCommand serving = null;
    Block servingBlock = null;
    try {
      for (Block block : blocks) {
        if (block.servesUntil().isPresent()) {
          stop(serving, servingBlock, work);
          servingBlock = block;
          serving = ForegroundCommand.start(block.command(), work, temp, Map.of());
          try {
            serving.awaitOutput(block.servesUntil().get(), Duration.ofMinutes(6));
          } catch (AssertionError e) {
            throw new AssertionError(block.where() + ": the block\n" + block.text()
                + "did not start serving: " + e.getMessage(), e);
          }
        } else {
          Shell.Result result = Shell.run(block.command(), work, Duration.ofMinutes(5));
          assertThat(result.code()).as("%s: the block%n%s%nexited with %d; it printed:%n%s",
              block.where(), block.text(), result.code(), result.output()).isZero();
        }
      }
      stop(serving, servingBlock, work);
      serving = null;
    } finally {
      if (serving != null) {
        serving.close();
      }
      unlink(work);
    }
  }

  /** Removes the links to the repository (what the blocks made stays for @TempDir to delete). */
  private static void unlink(Path work) throws IOException {
    try (Stream<Path> entries = Files.list(work)) {
      for (Path entry : entries.toList()) {
        if (Files.isSymbolicLink(entry)) {
          Files.delete(entry);
        }
      }
    }
  }

  private static void stop(ForegroundCommand serving, Block block, Path work) throws Exception {
    if (serving == null) {
      return;
    }
    try (serving) {
      serving.terminateAndAssertNothingLeft(work.toString(), Duration.ofMinutes(2));
    } catch (AssertionError e) {
      throw new AssertionError(block.where() + ": the block\n" + block.text()
          + "did not stop cleanly on SIGTERM: " + e.getMessage(), e);
    }
  }

  /** A directory that links every top-level entry of the repository but var/ (the block's own). */
  private Path scratchDirectory() throws IOException {
    Path work = Files.createTempDirectory(temp, "work-");
    try (Stream<Path> entries = Files.list(REPOSITORY)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!name.equals("var") && !name.equals(".git")) {
          Files.createSymbolicLink(work.resolve(name), entry);
        }
      }
    }
    return work;
  }

  /** README.md, the module READMEs and docs/*.md. */
  static List<Path> markdownFiles() throws IOException {
    try (Stream<Path> files = Files.walk(REPOSITORY, 3)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".md"))
          .filter(p -> REPOSITORY.relativize(p).toString().chars().filter(c -> c == '/').count() <= 1
              || REPOSITORY.relativize(p).startsWith("docs"))
          .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")
              && !p.toString().contains("/node_modules/"))
          .sorted()
          .toList();
    }
  }
}
