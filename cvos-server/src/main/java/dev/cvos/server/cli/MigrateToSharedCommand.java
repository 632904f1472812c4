package dev.cvos.server.cli;

import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.server.ops.ArchiveSource;
import dev.cvos.server.ops.BackupArchive;
import dev.cvos.server.ops.CreationClock;
import dev.cvos.server.ops.MigrationTarget;
import dev.cvos.server.ops.MigrationToShared;
import dev.cvos.server.ops.ObjectSource;
import dev.cvos.server.ops.OperationRefusedException;
import dev.cvos.server.ops.Progress;
import dev.cvos.server.ops.ServerSetup;
import dev.cvos.server.ops.StoreSource;
import dev.cvos.server.storage.StoreLoader;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cvos migrate-to-shared --target DIR|smb://... [--source DIR|BACKUP]...}. */
@Command(name = "migrate-to-shared", mixinStandardHelpOptions = true,
    description = {"Consolidate every object of every storing server onto shared storage, verifying"
        + " each by SHA-256, and print what to change in each server's configuration.",
        "Sources: this server's store, plus --source for each other storing server: its storage"
        + " directory (copied or mounted here) or its backup (cvos backup -o).",
        "Interrupted? Run the same command again: objects done are skipped (journal), and so are"
        + " objects already on the target with the same SHA-256."})
final class MigrateToSharedCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServerOptions server;

  @Option(names = "--target", required = true, paramLabel = "DIR|smb://HOST/SHARE/FOLDER/",
      description = "The shared location: a mounted directory (NFS...) or an SMB share URL.")
  private String target;

  @Option(names = "--target-option", paramLabel = "KEY=VALUE",
      description = "A setting of the target store, e.g. user=cvos, domain=CORP, guest=true"
          + " (the password from CVOS_STORAGE_CONFIG_PASSWORD).")
  private Map<String, String> targetOptions = new LinkedHashMap<>();

  @Option(names = "--source", paramLabel = "DIR|BACKUP",
      description = "Another storing server's objects: its storage directory, or its backup archive.")
  private List<Path> sources = new ArrayList<>();

  @Option(names = "--skip-this-server",
      description = "Do not copy this server's own store (it is a primary without objects, say).")
  private boolean skipThisServer;

  @Option(names = "--journal", paramLabel = "FILE",
      description = "The progress journal (default: <data-dir>/migrate-to-shared-<target id>.journal).")
  private Path journal;

  MigrateToSharedCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ServerSetup setup = server.read(environment);
    if (setup.storageMode() == StorageMode.SHARED && !skipThisServer) {
      throw new OperationRefusedException("this server already uses shared storage"
          + " (server.storage-mode: shared); run migrate-to-shared on a server with local storage,"
          + " or add --skip-this-server to copy only the --source directories and backups");
    }
    Map<String, String> options = new LinkedHashMap<>(targetOptions);
    String password = environment.get("CVOS_STORAGE_CONFIG_PASSWORD");
    if (password != null && !options.containsKey("password")) {
      options.put("password", password);
    }
    MigrationTarget shared = MigrationTarget.parse(target, options);
    CreationClock creation = new CreationClock(clock);
    StoreLoader loader = setup.storeLoader();
    Path journalFile = journal != null ? journal
        : setup.config().server().dataDir().resolve("migrate-to-shared-" + shared.id() + ".journal");
    List<ObjectSource> opened = new ArrayList<>();
    MigrationToShared.Report report;
    try (ObjectStore targetStore = loader.create(shared.provider(), shared.config(),
        StoreContext.of(creation, setup.serverId() + "-migrate"))) {
      if (!skipThisServer) {
        opened.add(new StoreSource("this server's store (" + setup.serverId() + ")",
            setup.openStore(clock), true));
      }
      for (Path source : sources) {
        opened.add(openSource(loader, source, setup));
      }
      report = new MigrationToShared(targetStore, creation, journalFile,
          new Progress(err, clock, Duration.ofSeconds(2)), err).run(opened);
    } finally {
      for (ObjectSource source : opened) {
        source.close();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.summary());
    if (report.failed() > 0) {
      out.println("Some objects failed (named above). Fix the cause and run the same command again;"
          + " do not switch the servers to shared storage before it ends with failed 0.");
      out.flush();
      return ExitCodes.INCOMPLETE;
    }
    out.print(instructions(shared));
    out.flush();
    return ExitCodes.OK;
  }

  private ObjectSource openSource(StoreLoader loader, Path source, ServerSetup setup)
      throws Exception {
    if (Files.isDirectory(source)) {
      ObjectStore store = loader.create("local", Map.of("root", source.toAbsolutePath().toString()),
          StoreContext.of(clock, setup.serverId() + "-migrate"));
      return new StoreSource("storage directory " + source, store, true);
    }
    if (Files.isRegularFile(source)) {
      return new ArchiveSource(BackupArchive.open(source));
    }
    throw new IOException("--source " + source + " is neither a storage directory nor a backup file");
  }

  private static String instructions(MigrationTarget shared) {
    String nl = System.lineSeparator();
    return "Every object is on the shared storage and verified. Now, on EVERY primary and redundant"
        + " secondary server:" + nl
        + "  1. bin/stop   (bin\\stop.bat on Windows)" + nl
        + "  2. run this command once more with the same options: it copies what was written since,"
        + " and skips the rest" + nl
        + "  3. set in conf/cvos.yaml (replacing the storage settings there):" + nl + nl
        + indent(shared.configurationYaml()) + nl
        + "  4. move the old local storage folder (storage.config.root, default var/objects) aside;"
        + " delete it once the servers run well" + nl
        + "  5. bin/start" + nl
        + "  6. disable the objects-only backups (cvos backup -o) on the redundant secondaries:"
        + " with shared storage only the primary backs up (cvos backup)" + nl;
  }

  private static String indent(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n")) {
      out.append("     ").append(line).append(System.lineSeparator());
    }
    return out.toString();
  }
}
