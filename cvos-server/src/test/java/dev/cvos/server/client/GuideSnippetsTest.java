package dev.cvos.server.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check behind the guide: a block that is not its region, or names none, is reported. */
class GuideSnippetsTest {
  private static final String SOURCE = """
      class Example {
        void run() {
          // tag::hello[]
          String greeting = "hello";
          if (greeting.isEmpty()) {
            throw new IllegalStateException();
          }
          // end::hello[]
        }
      }
      """;

  @Test
  void blockEqualToTheDedentedRegionPasses(@TempDir Path dir) throws Exception {
    GuideSnippets snippets = check(dir, """
        <!-- snippet: hello -->
        ```java
        String greeting = "hello";
        if (greeting.isEmpty()) {
          throw new IllegalStateException();
        }
        ```
        """);

    assertThat(snippets.mismatches()).isEmpty();
    assertThat(snippets.checked()).containsExactly("hello");
    assertThat(snippets.unusedRegions()).isEmpty();
  }

  @Test
  void changedLineUnknownNameAndUnshownRegionAreReported(@TempDir Path dir) throws Exception {
    GuideSnippets snippets = check(dir, """
        <!-- snippet: hello -->
        ```java
        String greeting = "hi";
        if (greeting.isEmpty()) {
          throw new IllegalStateException();
        }
        ```
        <!-- snippet: bye -->
        ```java
        ```
        """);

    assertThat(snippets.mismatches()).hasSize(2);
    assertThat(snippets.mismatches().get(0)).startsWith("hello: the block on lines 3-6 differs");
    assertThat(snippets.mismatches().get(1)).startsWith("bye: no region");
    assertThat(check(dir, "no snippets\n").unusedRegions()).containsExactly("hello");
  }

  @Test
  void aFileBlockMustEqualTheWholeFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("pom.xml"), "<project>\n  <artifactId>x</artifactId>\n</project>\n");

    GuideSnippets same = check(dir, """
        <!-- file: pom.xml -->
        ```xml
        <project>
          <artifactId>x</artifactId>
        </project>
        ```
        """);
    GuideSnippets changed = check(dir, """
        <!-- file: pom.xml -->
        ```xml
        <project>
        </project>
        ```
        <!-- file: missing.xml -->
        ```xml
        ```
        """);

    assertThat(same.mismatches()).isEmpty();
    assertThat(same.checked()).containsExactly("file:pom.xml");
    assertThat(changed.mismatches()).hasSize(2);
    assertThat(changed.mismatches().get(0)).startsWith("file:pom.xml: the block on lines 3-4 differs");
    assertThat(changed.mismatches().get(1)).startsWith("file:missing.xml: no such file");
  }

  private static GuideSnippets check(Path dir, String guide) throws Exception {
    return GuideSnippets.of(Files.writeString(dir.resolve("Example.java"), SOURCE),
        Files.writeString(dir.resolve("guide.md"), guide));
  }
}
