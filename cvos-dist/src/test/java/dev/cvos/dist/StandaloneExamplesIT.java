package dev.cvos.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The starters of examples/ as an outsider builds them: each copied alone into a clean directory,
 * built by Maven 3.9 (the wrapper) and Maven 3.8 (Debian's {@code maven}) against a private local
 * repository that holds only what {@code ./mvnw install} would have put there for CVOS (the
 * reactor's poms and jars) plus third-party artifacts, offline.
 *
 * <p>Third-party artifacts come from the build's own local repository, used read-only as a
 * {@code file:} remote (allowed offline by {@code aether.offline.protocols=file}); the build
 * fetches the one artifact only Maven 3.8 needs (plexus-utils 1.1) into it.
 */
class StandaloneExamplesIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("cvos.dist.version");
  private static final Path DEBIAN_MAVEN = Path.of("/usr/bin/mvn");

  @TempDir
  static Path temp;

  private static Path repository;
  private static Path settings;

  @BeforeAll
  static void installTheReactorIntoAPrivateRepository() throws IOException {
    repository = Files.createDirectories(temp.resolve("repository"));
    install("cvos-parent", ROOT.resolve("pom.xml"), null);
    install("cvos-bom", ROOT.resolve("cvos-bom/pom.xml"), null);
    for (String module : List.of("cvos-storage-spi", "cvos-storage-tck", "cvos-api")) {
      install(module, ROOT.resolve(module).resolve("pom.xml"),
          ROOT.resolve(module).resolve("target").resolve(module + "-" + VERSION + ".jar"));
    }
    Path thirdParty = Path.of(System.getProperty("cvos.build.repository",
        Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    settings = Files.writeString(temp.resolve("settings.xml"), """
        <settings>
          <mirrors>
            <mirror><id>build</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
          </mirrors>
        </settings>
        """.formatted(thirdParty.toUri()));
  }

  private static void install(String artifact, Path pom, Path jar) throws IOException {
    Path directory = Files.createDirectories(repository.resolve("dev/cvos").resolve(artifact).resolve(VERSION));
    Files.copy(pom, directory.resolve(artifact + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      assertThat(jar).as("built by the reactor before cvos-dist").isRegularFile();
      Files.copy(jar, directory.resolve(artifact + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  @Test
  void thePluginStarterRunsTheTckWithMaven39AndMaven38() throws Exception {
    for (Path maven : List.of(ROOT.resolve("mvnw"), DEBIAN_MAVEN)) {
      Path project = copyOut("cvos-example-store", maven);
      // a few TCK cases, a 200 MiB round trip among them: enough to see the TCK run, in seconds
      String output = build(maven, project, "verify",
          "-Dtest=FlatFileStoreFactoryTest,FlatFileStoreTest#roundTrip*+emptyBody*");
      assertThat(output).contains("BUILD SUCCESS");
      assertThat(testsRun(output)).as("tests run by " + maven).isGreaterThan(3);
      assertThat(project.resolve("target/cvos-example-store-" + VERSION + ".jar")).isRegularFile();
    }
  }

  @Test
  void thePluginStarterFailsWhenNoTestRuns() throws Exception {
    Path project = copyOut("cvos-example-store", DEBIAN_MAVEN);
    // a store whose test class was renamed away from surefire's patterns, or deleted
    Path test = project.resolve("src/test/java/dev/cvos/example/store");
    Files.move(test.resolve("FlatFileStoreTest.java"), test.resolve("FlatFileStoreContract.java"));
    Files.writeString(test.resolve("FlatFileStoreContract.java"), Files.readString(test.resolve(
        "FlatFileStoreContract.java")).replace("class FlatFileStoreTest", "class FlatFileStoreContract"));
    Files.delete(test.resolve("FlatFileStoreFactoryTest.java"));
    String output = build(DEBIAN_MAVEN, project, "verify");
    assertThat(output).contains("BUILD FAILURE", "No tests were executed");
  }

  @Test
  void theIntegratorStarterCompilesWithMaven39AndMaven38() throws Exception {
    for (Path maven : List.of(ROOT.resolve("mvnw"), DEBIAN_MAVEN)) {
      Path project = copyOut("cvos-example-client", maven);
      String output = build(maven, project, "package");
      assertThat(output).contains("BUILD SUCCESS");
      assertThat(project.resolve("target/classes/com/example/events/EventArchive.class")).isRegularFile();
    }
  }

  /** The example's pom and sources alone, as someone copying the starter gets them. */
  private static Path copyOut(String example, Path maven) throws IOException {
    Path source = ROOT.resolve("examples").resolve(example);
    Path target = Files.createDirectories(temp.resolve(maven.getFileName() + "-" + System.nanoTime()).resolve(example));
    Files.copy(source.resolve("pom.xml"), target.resolve("pom.xml"));
    Files.walkFileTree(source.resolve("src"), new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(target.resolve(source.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, target.resolve(source.relativize(file).toString()));
        return FileVisitResult.CONTINUE;
      }
    });
    return target;
  }

  private static String build(Path maven, Path project, String... goals) throws Exception {
    assertThat(maven).as("Maven at %s (Debian: apt-get install maven)", maven).isExecutable();
    List<String> command = new ArrayList<>(List.of(maven.toString(), "-B", "-V", "-o", "-s", settings.toString(),
        "-Dmaven.repo.local=" + repository, "-Daether.offline.protocols=file", "-f", project.resolve("pom.xml").toString()));
    command.addAll(List.of(goals));
    Path output = Files.createTempFile(temp, "maven", ".out");
    ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
        .redirectErrorStream(true).redirectOutput(output.toFile());
    builder.environment().remove("MAVEN_OPTS");
    Process process = builder.start();
    try {
      assertThat(process.waitFor(600, TimeUnit.SECONDS)).as("%s finished", command).isTrue();
    } finally {
      process.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(printed).as("Maven's version line").containsPattern(
        maven.equals(DEBIAN_MAVEN) ? "Apache Maven 3\\.8" : "Apache Maven 3\\.9");
    return printed;
  }

  private static int testsRun(String output) {
    Matcher matcher = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: \\d+\\s*$",
        Pattern.MULTILINE).matcher(output);
    int last = 0;
    while (matcher.find()) {
      last = Integer.parseInt(matcher.group(1));
    }
    return last;
  }
}
