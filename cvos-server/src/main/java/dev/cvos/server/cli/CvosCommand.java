package dev.cvos.server.cli;

import dev.cvos.server.CvosVersion;
import dev.cvos.server.logging.JulBridge;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code cvos}: the operator's command line (backup, restore, migration to shared storage). Each
 * subcommand reads the same configuration as the server ({@code conf/cvos.yaml} under {@code
 * cvos.home}, with the {@code CVOS_*} environment) and can run while the server serves requests.
 */
@Command(name = "cvos", mixinStandardHelpOptions = true, versionProvider = CvosCommand.Version.class,
    description = "Operate a CVOS server: backups, restores, the move to shared storage, decommissioning.",
    subcommands = {BackupCommand.class, RestoreCommand.class, MigrateToSharedCommand.class, DecommissionCommand.class,
        WaitReadyCommand.class, DemoClusterCommand.class, CommandLine.HelpCommand.class},
    footerHeading = "%nExit codes:%n",
    footer = {"  0  done", "  1  could not run (configuration, backup file, store or database)",
        "  2  wrong usage", "  3  refused in this server's role or storage mode",
        "  4  finished, but some objects failed (named on stderr)"})
public final class CvosCommand implements Runnable {
  @Spec
  private CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a command: backup, restore, migrate-to-shared or decommission (cvos help <command> explains one)");
  }

  /** The version of this CVOS. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"cvos " + CvosVersion.current()};
    }
  }

  /**
   * Builds the command line. {@code environment} and {@code clock} are what the commands see; the
   * commands write through the command line's writers (picocli's standard ones unless a test sets
   * its own with {@code setOut}/{@code setErr}).
   */
  public static CommandLine commandLine(Map<String, String> environment, Clock clock) {
    CommandLine commandLine = new CommandLine(new CvosCommand(), new CommandFactory(environment, clock));
    commandLine.setParameterExceptionHandler(new UsageErrors());
    commandLine.setExecutionExceptionHandler(new Failures());
    return commandLine;
  }

  /** Runs {@code cvos} and exits with its code. */
  public static void main(String[] args) {
    JulBridge.install();
    CommandLine commandLine = commandLine(System.getenv(), Clock.systemUTC());
    int code = commandLine.execute(args);
    commandLine.getOut().flush();
    commandLine.getErr().flush();
    Runtime.getRuntime().exit(code);
  }
}
