package dev.cvos.server.cli;

import dev.cvos.server.ops.OperationRefusedException;
import dev.cvos.server.ops.ServerSetup;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.server.persistence.ServerRetirement;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cvos decommission <server-id> [--gone]}. */
@Command(name = "decommission", mixinStandardHelpOptions = true,
    description = {"Take a server out of the cluster for good: it leaves the object catalog and the"
        + " registry, and no deletion record waits for it any more. Run it from any server of the"
        + " cluster (it uses that server's configuration to reach the cluster's database).",
        "Without --gone it is refused while the server is the only holder of an object (the"
        + " objects would be lost) or still heartbeats (stop it first).",
        "With --gone the server is taken to be dead for good: the objects only it held are"
        + " reported as lost, one LOST <bucket>/<key> line each on stdout."})
final class DecommissionCommand implements Callable<Integer> {
  private final Map<String, String> environment;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServerOptions server;

  @Parameters(index = "0", paramLabel = "SERVER-ID", description = "The id of the server to retire.")
  private String serverId;

  @Option(names = "--gone", description = "The server is dead for good: retire it even though the objects only it"
      + " held are lost (they are listed).")
  private boolean gone;

  DecommissionCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ServerSetup setup = server.read(environment);
    try (DatabaseBackup database = setup.openDatabase()) {
      ServerRetirement retirement = new ServerRetirement(database);
      // A server whose heartbeat moves while we watch two heartbeat intervals is running (watched,
      // not compared with a clock: the server's clock may be off).
      Duration watch = setup.config().registry().heartbeatInterval().multipliedBy(2);
      Optional<Instant> lastSeen = retirement.lastSeen(serverId);
      if (lastSeen.isPresent()) {
        err.printf("watching server %s's heartbeat for %s%n", serverId, watch);
        err.flush();
        Thread.sleep(watch.toMillis());
        Optional<Instant> later = retirement.lastSeen(serverId);
        if (!later.equals(lastSeen)) {
          throw new OperationRefusedException("server " + serverId + " is running (its heartbeat moved from "
              + lastSeen.get() + " to " + later.map(Instant::toString).orElse("none") + "). Stop it first, then run"
              + " cvos decommission " + serverId + " again");
        }
      }
      List<String> sole = retirement.soleHoldings(serverId);
      if (!sole.isEmpty() && !gone) {
        throw new OperationRefusedException("server " + serverId + " is the only holder of " + sole.size()
            + " objects (first: " + sole.get(0) + "); retiring it would lose them. Start it again so they"
            + " can be read, or, if it is gone for good, run cvos decommission " + serverId + " --gone");
      }
      if (lastSeen.isEmpty() && sole.isEmpty()) {
        err.printf("server %s is not registered and holds no object: nothing to do%n", serverId);
        err.flush();
        return ExitCodes.OK;
      }
      int lost = retirement.retire(serverId);
      for (String key : sole) {
        out.println("LOST " + key);
      }
      out.flush();
      int dropped = retirement.dropAppliedDeletions();
      err.printf("server %s is retired: out of the registry and the object catalog; %d objects only it held are"
          + " lost; %d deletion records every remaining server applied were dropped%n", serverId, lost, dropped);
      err.flush();
      return ExitCodes.OK;
    }
  }
}
