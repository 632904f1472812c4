package dev.cvos.server.cli;

import dev.cvos.server.ops.ReadinessProbe;
import dev.cvos.server.ops.ServerSetup;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cvos wait-ready}: waits until the local server answers {@code /health/ready} with 200 (what
 * {@code bin/start} waits for), without curl.
 */
@Command(name = "wait-ready", mixinStandardHelpOptions = true,
    description = "Wait until this server's /health/ready answers 200 (used by bin/start).")
final class WaitReadyCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final Clock clock;

  @Spec
  private CommandSpec spec;

  @Mixin
  private ServerOptions server;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "How long to wait (default: ${DEFAULT-VALUE}).")
  private long timeoutSeconds;

  @Option(names = "--pid", paramLabel = "PID",
      description = "Stop waiting as soon as this process has exited.")
  private Long pid;

  WaitReadyCommand(Map<String, String> environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    ServerSetup setup = server.read(environment);
    String host = setup.config().http().host();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
      host = "127.0.0.1";
    }
    URI uri = URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":"
        + setup.config().http().httpsPort() + "/health/ready");
    Optional<ProcessHandle> process = pid == null ? Optional.empty() : ProcessHandle.of(pid);
    ReadinessProbe.Outcome outcome = new ReadinessProbe(clock).await(uri,
        Duration.ofSeconds(timeoutSeconds), () -> pid == null || process.map(ProcessHandle::isAlive).orElse(false));
    PrintWriter out = spec.commandLine().getOut();
    out.println(outcome.message());
    out.flush();
    return outcome.ready() ? ExitCodes.OK : ExitCodes.ERROR;
  }
}
