package dev.cvos.server.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cvos demo-cluster DIR}: a whole cluster on this machine for a newcomer to try (the
 * README's "Try a cluster"): one embedded PostgreSQL, then a primary, a redundant secondary and a
 * simple secondary as three server processes on loopback ports. It waits until the three are ready
 * and relay to each other, prints what to try, writes {@code DIR/cluster.env}, and stops all of it
 * on Ctrl-C or SIGTERM. Not for production: development keys, short registry intervals.
 */
@Command(name = "demo-cluster", mixinStandardHelpOptions = true,
    description = {"Start a demo cluster on this machine: one PostgreSQL, a primary, a redundant "
        + "secondary and a simple secondary on 127.0.0.1. Ctrl-C stops all of it.",
        "Each server's files and log are under DIR/a, DIR/b, DIR/c; the database under DIR/db; "
        + "DIR/cluster.env holds A_URL, B_URL, C_URL and CVOS_KEY while it runs."})
final class DemoClusterCommand implements Callable<Integer> {
  private final Map<String, String> environment;

  @Spec
  private CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR",
      description = "Where the cluster keeps its files (made if missing; reused on the next run).")
  private Path directory;

  @Option(names = "--shared",
      description = "The two storing servers share one storage directory (DIR/shared, as an NFS "
          + "mount would be) instead of each keeping its own.")
  private boolean shared;

  @Option(names = "--copies", paramLabel = "N", defaultValue = "1",
      description = "Copies kept of each object; only 1 today (default: ${DEFAULT-VALUE}).")
  private int copies;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "How long the cluster may take to be ready (default: ${DEFAULT-VALUE}).")
  private long timeoutSeconds;

  DemoClusterCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    if (copies != 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--copies " + copies
          + ": CVOS keeps each object once today (on the server that stored it, or on the shared "
          + "storage with --shared); replication to more servers does not exist yet, so 1 is "
          + "the only value");
    }
    PrintWriter out = spec.commandLine().getOut();
    String serverOptions = environment.getOrDefault("CVOS_DEMO_SERVER_JAVA_OPTS",
        "-Xmx256m -XX:TieredStopAtLevel=1");
    DemoCluster cluster = new DemoCluster(directory.toAbsolutePath().normalize(), shared,
        serverOptions, out);
    Thread stopper = new Thread(cluster::stop, "demo-cluster-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      cluster.start(Duration.ofSeconds(timeoutSeconds));
      cluster.printWhatToTry();
      return cluster.awaitUnexpectedExit();
    } finally {
      cluster.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // stopped by a signal: the hook is running (or has run) cluster.stop() itself
      }
    }
  }
}
