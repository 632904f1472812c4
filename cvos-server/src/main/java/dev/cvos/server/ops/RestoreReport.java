package dev.cvos.server.ops;

import java.nio.file.Path;

/** What a restore did, counted as it went. */
public final class RestoreReport {
  int restored;
  long restoredBytes;
  int unchanged;
  int keptNewer;
  int expired;
  int failed;
  int deletionsDropped;
  int registryRows;
  Path configFile;

  public int restored() {
    return restored;
  }

  public long restoredBytes() {
    return restoredBytes;
  }

  /** Objects not written: already there, a newer object kept, or expired. */
  public int skipped() {
    return unchanged + keptNewer + expired;
  }

  public int unchanged() {
    return unchanged;
  }

  public int keptNewer() {
    return keptNewer;
  }

  public int expired() {
    return expired;
  }

  public int failed() {
    return failed;
  }

  public int deletionsDropped() {
    return deletionsDropped;
  }

  public int registryRows() {
    return registryRows;
  }

  /** Where the backup's configuration was written, or null when nothing was written. */
  public Path configFile() {
    return configFile;
  }

  /** The report's lines, for the operator. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    text.append("restored ").append(restored).append(" (").append(Progress.bytes(restoredBytes))
        .append("), skipped ").append(skipped()).append(" (").append(unchanged).append(" already there, ")
        .append(keptNewer).append(" newer kept, ").append(expired).append(" expired), failed ")
        .append(failed);
    if (deletionsDropped > 0) {
      text.append(System.lineSeparator()).append(deletionsDropped)
          .append(" deletion record(s) of restored objects dropped from the deletion log");
    }
    if (registryRows > 0) {
      text.append(System.lineSeparator()).append(registryRows).append(" server registry row(s) brought back");
    }
    if (configFile != null) {
      text.append(System.lineSeparator()).append("configuration from the backup written to ").append(configFile)
          .append(" (compare it with the current one and apply what you need; then restart)");
    }
    return text.toString();
  }
}
