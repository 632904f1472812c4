package dev.cvos.server.config;

import java.util.List;

/** The configuration is wrong; the message lists every problem, one per line, with its fix. */
public final class ConfigurationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super("invalid configuration:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  /** Each problem, naming its key and the fix. */
  public List<String> problems() {
    return problems;
  }
}
