package dev.cvos.server.cli;

import dev.cvos.server.ops.Backup;
import dev.cvos.server.ops.BackupKind;
import dev.cvos.server.ops.Progress;
import dev.cvos.server.ops.RolePolicy;
import dev.cvos.server.ops.ServerSetup;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.storage.spi.ObjectStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cvos backup [-o] [--output FILE]}. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = {"Back up this server while it runs: on the primary everything (configuration,"
        + " database content, objects); on a redundant secondary with local storage its objects"
        + " only (-o). With shared storage only the primary backs up.",
        "Progress goes to stderr; the archive's path is printed on stdout."})
final class BackupCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServerOptions server;

  @Option(names = {"-o", "--objects-only"},
      description = "Back up this server's objects only (what a redundant secondary runs).")
  private boolean objectsOnly;

  @Option(names = "--output", paramLabel = "FILE",
      description = "The archive to write (default: backups/cvos-backup-<server>-<time>[-objects].tar.gz"
          + " in the installation).")
  private Path output;

  BackupCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ServerSetup setup = server.read(environment);
    BackupKind kind = objectsOnly ? BackupKind.OBJECTS_ONLY : BackupKind.FULL;
    RolePolicy.checkBackup(kind, setup.role(), setup.storageMode());
    Path file = output != null ? output : defaultOutput(setup, kind);
    Progress progress = new Progress(err, clock, Duration.ofSeconds(2));
    Backup.Result result;
    try (ObjectStore store = setup.openStore(clock);
        DatabaseBackup database = kind == BackupKind.FULL ? setup.openDatabase() : null) {
      result = new Backup(setup, store, database, clock, progress, err).run(kind, file);
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(result.file());
    out.flush();
    err.printf("%s backup of server %s: %d objects (%s) in %s; %d deleted while it ran, %d failed%n",
        kind == BackupKind.FULL ? "full" : "objects-only", setup.serverId(), result.objects(),
        Progress.bytes(result.bytes()), result.file(), result.vanished(), result.failed());
    err.flush();
    return result.failed() == 0 ? ExitCodes.OK : ExitCodes.INCOMPLETE;
  }

  private Path defaultOutput(ServerSetup setup, BackupKind kind) {
    String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .format(clock.instant().truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC));
    return setup.config().server().baseDir().resolve("backups").resolve("cvos-backup-"
        + setup.serverId() + "-" + stamp + (kind == BackupKind.OBJECTS_ONLY ? "-objects" : "") + ".tar.gz");
  }
}
