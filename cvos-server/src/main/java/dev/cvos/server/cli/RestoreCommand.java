package dev.cvos.server.cli;

import dev.cvos.server.ops.BackupArchive;
import dev.cvos.server.ops.CreationClock;
import dev.cvos.server.ops.Progress;
import dev.cvos.server.ops.Restore;
import dev.cvos.server.ops.RestoreReport;
import dev.cvos.server.ops.RolePolicy;
import dev.cvos.server.ops.ServerSetup;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.storage.spi.ObjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cvos restore FILE [--objects-only]}. */
@Command(name = "restore", mixinStandardHelpOptions = true,
    description = {"Restore a backup: any backup on the primary, an objects-only backup also on the"
        + " server it came from. Every checksum is verified; an object newer than the backup's copy"
        + " is kept; objects deleted since the backup come back. Running it twice gives the same"
        + " result. Ends with a report: restored, skipped, failed."})
final class RestoreCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServerOptions server;

  @Parameters(index = "0", paramLabel = "FILE", description = "The backup archive (.tar.gz).")
  private Path file;

  @Option(names = "--objects-only",
      description = "Restore only the objects of a full backup (leave configuration and database).")
  private boolean objectsOnly;

  RestoreCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ServerSetup setup = server.read(environment);
    BackupArchive archive = BackupArchive.open(file);
    RolePolicy.checkRestore(archive.header(), setup.serverId(), setup.role());
    err.printf("restoring %s backup of server %s taken %s: %d objects%n",
        archive.header().kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
        archive.header().serverId(), archive.header().started(), archive.manifest().objects().size());
    CreationClock creation = new CreationClock(clock);
    RestoreReport report;
    try (ObjectStore store = setup.openStore(creation);
        DatabaseBackup database = setup.openDatabase()) {
      report = new Restore(setup, store, database, creation,
          new Progress(err, clock, Duration.ofSeconds(2)), err).run(archive, objectsOnly);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(report.summary());
    out.flush();
    return report.failed() == 0 ? ExitCodes.OK : ExitCodes.INCOMPLETE;
  }
}
