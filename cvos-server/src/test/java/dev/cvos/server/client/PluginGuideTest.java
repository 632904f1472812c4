package dev.cvos.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/plugin-guide.md shows the plugin starter's pom.xml and its TCK test as the files are (they
 * build standalone: StandaloneExamplesIT in cvos-dist), and names the artifacts an author needs.
 */
class PluginGuideTest {
  private static final Path GUIDE = Path.of("../docs/plugin-guide.md");

  @Test
  void theGuideShowsTheStartersFilesAsTheyAre() throws Exception {
    GuideSnippets snippets = GuideSnippets.of(null, GUIDE);

    assertThat(snippets.mismatches()).isEmpty();
    assertThat(snippets.checked()).contains(
        "file:../examples/cvos-example-store/pom.xml",
        "file:../examples/cvos-example-store/src/test/java/dev/cvos/example/store/FlatFileStoreTest.java");
  }

  @Test
  void theGuideSaysHowToMakeTheArtifactsResolvable() throws Exception {
    assertThat(Files.readString(GUIDE)).contains(
        "./mvnw -B -pl cvos-bom,cvos-storage-tck,cvos-api -am install -DskipTests",
        "<artifactId>cvos-bom</artifactId>", "<artifactId>cvos-storage-tck</artifactId>");
  }
}
