package dev.cvos.server.cli;

/**
 * The exit codes of {@code cvos} (documented in docs/operations.md and in {@code cvos --help}).
 */
public final class ExitCodes {
  /** Done, nothing failed. */
  public static final int OK = 0;
  /** Could not run: bad configuration, unreadable backup, store or database unreachable. */
  public static final int ERROR = 1;
  /** Wrong usage: an unknown option, a missing argument (the message says how to fix it). */
  public static final int USAGE = 2;
  /** Refused: this server's role or storage mode does not allow it (the message says what to run). */
  public static final int REFUSED = 3;
  /** Finished, but some objects failed (each is named on stderr); rerun or investigate. */
  public static final int INCOMPLETE = 4;

  private ExitCodes() {}
}
