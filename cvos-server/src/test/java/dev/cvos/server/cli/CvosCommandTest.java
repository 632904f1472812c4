package dev.cvos.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.storage.local.LocalObjectStoreFactory;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code cvos} as an operator runs it: arguments in, text and an exit code out. */
class CvosCommandTest {
  @TempDir
  Path temp;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private TestingDatabase database;

  @BeforeEach
  void setUp() throws Exception {
    database = TestingDatabase.create();
    database.start().close();
  }

  private Path config(String id, String role, String mode) throws Exception {
    Path base = Files.createDirectories(temp.resolve(id));
    Path root = Files.createDirectories(base.resolve("objects"));
    Path file = base.resolve("cvos.yaml");
    Files.writeString(file, String.join("\n",
        "server:",
        "  id: " + id,
        "  role: " + role,
        "  storage-mode: " + mode,
        "  data-dir: " + base.resolve("var"),
        "auth:",
        "  development-mode: true",
        "peer:",
        "  key: cli-test-peer-key-0123456789",
        "storage:",
        "  config:",
        "    root: " + root,
        "    fsync: false",
        "database:",
        "  url: " + database.jdbcUrl(),
        "  user: " + database.user(),
        ""), StandardCharsets.UTF_8);
    return file;
  }

  private int run(String... args) {
    CommandLine commandLine = CvosCommand.commandLine(Map.of(), Clock.systemUTC());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void fullBackupOnARedundantSecondaryIsRefusedNamingTheCommandToRun() throws Exception {
    Path config = config("cvos-b", "redundant-secondary", "local");

    int code = run("backup", "--config", config.toString());

    assertThat(code).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString()).contains("refused").contains("run instead: cvos backup -o");
  }

  @Test
  void aSecondaryWithSharedStorageSaysOnlyThePrimaryBacksUp() throws Exception {
    Path config = config("cvos-b", "redundant-secondary", "shared");

    int code = run("backup", "-o", "--config", config.toString());

    assertThat(code).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString()).contains("only the primary backs up");
  }

  @Test
  void aMisspeltOptionIsAUsageErrorWithASuggestion() {
    int code = run("backup", "--outptu", "x.tar.gz");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Unknown options: '--outptu'").contains("Possible solutions: --output")
        .contains("Usage: cvos backup");
  }

  @Test
  void noCommandIsAUsageErrorThatNamesTheCommands() {
    int code = run();

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("backup, restore, migrate-to-shared or decommission");
  }

  @Test
  void restoreWithoutAFileIsAUsageError() {
    int code = run("restore");

    assertThat(code).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString()).contains("Missing required parameter: 'FILE'");
  }

  @Test
  void backupThenRestoreThroughTheCommandLineReportsWhatTheyDid() throws Exception {
    Path config = config("cvos-a", "primary", "local");
    Path root = config.getParent().resolve("objects");
    try (ObjectStore store = new LocalObjectStoreFactory().create(Map.of("root", root.toString()),
        StoreContext.of(Clock.systemUTC(), "cvos-a"))) {
      for (int i = 0; i < 3; i++) {
        store.put(WriteRequest.of("images", "k" + i), new ByteArrayInputStream(new byte[1000 * (i + 1)]));
      }
      Path archive = temp.resolve("full.tar.gz");

      int backup = run("backup", "--config", config.toString(), "--output", archive.toString());

      assertThat(backup).as(err.toString()).isEqualTo(ExitCodes.OK);
      assertThat(out.toString().trim()).isEqualTo(archive.toAbsolutePath().toString());
      assertThat(err.toString()).contains("backup: 3/3 objects, 5.9 KiB/5.9 KiB")
          .contains("full backup of server cvos-a: 3 objects");
      store.delete("images", "k1");

      int restore = run("restore", archive.toString(), "--config", config.toString());

      assertThat(restore).as(err.toString()).isEqualTo(ExitCodes.OK);
      assertThat(out.toString()).contains("restored 1 (2.0 KiB), skipped 2 (2 already there, 0 newer kept,"
          + " 0 expired), failed 0");
      assertThat(store.stat("images", "k1")).isPresent();
    }
  }

  @Test
  void anObjectsOnlyBackupRestoresOnTheServerItCameFromAndIsRefusedOnAnother() throws Exception {
    Path primaryConfig = config("cvos-c", "redundant-secondary", "local");
    Path archive = temp.resolve("c.tar.gz");
    assertThat(run("backup", "-o", "--config", primaryConfig.toString(), "--output", archive.toString()))
        .as(err.toString()).isEqualTo(ExitCodes.OK);
    Path other = config("cvos-b", "redundant-secondary", "local");

    int code = run("restore", archive.toString(), "--config", other.toString());

    assertThat(code).isEqualTo(ExitCodes.REFUSED);
    assertThat(err.toString()).contains("taken on server 'cvos-c'").contains("restore it on 'cvos-c' or on the primary");
    assertThat(run("restore", archive.toString(), "--config", primaryConfig.toString()))
        .as("restored on the server it came from: %s", err).isEqualTo(ExitCodes.OK);
  }

  @Test
  void migrateToSharedPrintsTheConfigurationForEveryServer() throws Exception {
    Path config = config("cvos-a", "primary", "local");
    Path shared = Files.createDirectories(temp.resolve("shared"));
    try (ObjectStore store = new LocalObjectStoreFactory().create(
        Map.of("root", config.getParent().resolve("objects").toString()),
        StoreContext.of(Clock.systemUTC(), "cvos-a"))) {
      store.put(WriteRequest.of("images", "k"), new ByteArrayInputStream(new byte[10]));
    }

    int code = run("migrate-to-shared", "--config", config.toString(), "--target", shared.toString());

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).contains("copied 1").contains("storage-mode: shared")
        .contains("provider: local").contains("root: " + shared.toAbsolutePath());
    assertThat(err.toString()).contains("migrate-to-shared: 1/1 objects");
  }
}
