package dev.cvos.domain.object;

/** Hears what the {@link ExpirySweeper} did, so the server can log and count it. */
public interface SweepListener {
  /** A sweep reclaimed {@code count} expired objects (possibly none). */
  void swept(int count);

  /** A sweep failed; the next one runs on schedule. */
  void failed(Exception failure);
}
