package dev.cvos.server.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Wrong usage: the problem, a did-you-mean for a misspelt option or command, and the usage. */
final class UsageErrors implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    PrintWriter err = command.getErr();
    err.println("cvos: " + e.getMessage());
    if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
      err.println("Fix the command as the usage below shows ("
          + command.getCommandSpec().qualifiedName() + " --help says more):");
    }
    err.print(command.getUsageMessage(command.getColorScheme()));
    err.flush();
    return ExitCodes.USAGE;
  }
}
