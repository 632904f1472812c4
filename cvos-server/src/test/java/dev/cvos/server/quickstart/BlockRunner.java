package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.quickstart.RunnableBlocks.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the runnable blocks of one {@code ##} section as {@link RunnableBlocks} says: in a scratch
 * directory linking the repository's top-level entries, a {@code serves} block kept running while
 * the blocks after it run, then stopped with SIGTERM with nothing left running. A failure names the
 * file, line and section and shows the block.
 */
final class BlockRunner {
  private final Path repository;
  private final Path temp;
  private final Duration serveTimeout;
  private final Duration blockTimeout;

  BlockRunner(Path repository, Path temp, Duration serveTimeout, Duration blockTimeout) {
    this.repository = repository;
    this.temp = temp;
    this.serveTimeout = serveTimeout;
    this.blockTimeout = blockTimeout;
  }

  void runSection(List<Block> blocks) throws Exception {
    Path work = scratchDirectory();
    ForegroundCommand serving = null;
    Block servingBlock = null;
    try {
      for (Block block : blocks) {
        if (block.servesUntil().isPresent()) {
          stop(serving, servingBlock, work);
          serving = null;
          servingBlock = block;
          serving = ForegroundCommand.start(block.command(), work, temp, Map.of());
          try {
            serving.awaitOutput(block.servesUntil().get(), serveTimeout);
          } catch (AssertionError e) {
            throw new AssertionError(block.where() + ": the block\n" + block.text()
                + "did not start serving: " + e.getMessage(), e);
          }
        } else {
          Shell.Result result = Shell.run(block.command(), work, blockTimeout);
          assertThat(result.code()).as("%s: the block%n%s%nexited with %d; it printed:%n%s",
              block.where(), block.text(), result.code(), result.output()).isZero();
        }
      }
      ForegroundCommand last = serving;
      serving = null;
      stop(last, servingBlock, work);
    } finally {
      if (serving != null) {
        serving.close();
      }
      unlink(work);
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

  /** A directory that links every top-level entry of the repository but var/ (the blocks' own). */
  private Path scratchDirectory() throws IOException {
    Path work = Files.createTempDirectory(temp, "work-");
    try (Stream<Path> entries = Files.list(repository)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (!name.equals("var") && !name.equals(".git")) {
          Files.createSymbolicLink(work.resolve(name), entry);
        }
      }
    }
    return work;
  }

  /** Removes the links to the repository (what the blocks made stays for the caller to delete). */
  private static void unlink(Path work) throws IOException {
    try (Stream<Path> entries = Files.list(work)) {
      for (Path entry : entries.toList()) {
        if (Files.isSymbolicLink(entry)) {
          Files.delete(entry);
        }
      }
    }
  }
}
