package dev.cvos.server.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner of the README's runnable blocks passes what works and fails, with the block, on what does not. */
class BlockRunnerTest {
  @TempDir
  Path temp;

  private Path repository;
  private BlockRunner runner;

  @BeforeEach
  void setUp() throws Exception {
    repository = Files.createDirectories(temp.resolve("repository"));
    Files.writeString(repository.resolve("tool"), "#!/bin/sh\necho \"tool says $*\"\n");
    repository.resolve("tool").toFile().setExecutable(true);
    runner = new BlockRunner(repository, Files.createDirectories(temp.resolve("scratch")),
        Duration.ofSeconds(30), Duration.ofSeconds(30));
  }

  private List<RunnableBlocks.Block> section(String markdown) throws Exception {
    Path file = repository.resolve("README.md");
    Files.writeString(file, markdown, StandardCharsets.UTF_8);
    return RunnableBlocks.runnableBySection(file).get("Try");
  }

  @Test
  void blocksRunFromAScratchDirectoryThatSeesTheRepository() throws Exception {
    runner.runSection(section("""
        ## Try

        <!-- runnable -->
        ```
        ./tool hello | grep -q 'tool says hello'
        mkdir var && touch var/made-here
        ```
        """));
    assertThat(repository.resolve("var")).doesNotExist();
  }

  @Test
  void aFailingBlockFailsWithItsText() throws Exception {
    List<RunnableBlocks.Block> blocks = section("""
        ## Try

        Not marked, not run:

        ```
        false
        ```

        <!-- runnable -->
        ```
        ./tool hello
        ./tool-that-is-not-there
        ```
        """);
    assertThat(blocks).hasSize(1);
    assertThatThrownBy(() -> runner.runSection(blocks)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("README.md:10 (section \"Try\")")
        .hasMessageContaining("./tool-that-is-not-there")
        .hasMessageContaining("exited with 127");
  }

  @Test
  void aServingBlockServesWhileTheNextBlocksRunAndIsStoppedAfterThem() throws Exception {
    runner.runSection(section("""
        ## Try

        <!-- runnable: serves until "listening" -->
        ```
        ./mvnw -B -q -DskipTests package && bash -c 'touch serving; echo listening; exec sleep 300'
        ```

        <!-- runnable -->
        ```
        test -e serving
        ```
        """));
  }

  @Test
  void aServingBlockThatNeverServesFailsWithItsText() throws Exception {
    List<RunnableBlocks.Block> blocks = section("""
        ## Try

        <!-- runnable: serves until "listening" -->
        ```
        ./tool but exits at once
        ```
        """);
    assertThatThrownBy(() -> runner.runSection(blocks)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("./tool but exits at once")
        .hasMessageContaining("did not start serving")
        .hasMessageContaining("tool says but exits at once");
  }

  @Test
  void aServingBlockThatLeavesAProcessBehindFails() throws Exception {
    // the daemon names the scratch directory on its command line, as a postmaster names its data
    List<RunnableBlocks.Block> blocks = section("""
        ## Try

        <!-- runnable: serves until "listening" -->
        ```
        bash -c 'setsid bash -c "sleep 300; : \\$0" "$PWD/daemon" < /dev/null > /dev/null 2>&1 & echo listening; exec sleep 300'
        ```
        """);
    assertThatThrownBy(() -> runner.runSection(blocks)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("did not stop cleanly on SIGTERM")
        .hasMessageContaining("processes left running");
  }
}
