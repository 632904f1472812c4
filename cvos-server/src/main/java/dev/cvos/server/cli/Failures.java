package dev.cvos.server.cli;

import dev.cvos.server.config.ConfigurationException;
import dev.cvos.server.ops.InvalidBackupException;
import dev.cvos.server.ops.OperationRefusedException;
import java.io.IOException;
import java.io.PrintWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * A command that could not run: one clear line for the operator (the cause's message names what
 * and how to fix it), the detail in the log, and the documented exit code.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    String name = "cvos " + command.getCommandName();
    if (e instanceof OperationRefusedException) {
      err.println(name + ": refused: " + e.getMessage());
      err.flush();
      return ExitCodes.REFUSED;
    }
    if (e instanceof IllegalArgumentException && e.getCause() == null) {
      err.println(name + ": " + e.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    String what = e instanceof ConfigurationException ? "the configuration is wrong"
        : e instanceof InvalidBackupException ? "not a usable backup"
        : e instanceof IOException ? "input/output failed"
        : "failed";
    err.println(name + ": " + what + ": " + e.getMessage());
    err.flush();
    LOG.debug("{} failed", name, e);
    return ExitCodes.ERROR;
  }
}
