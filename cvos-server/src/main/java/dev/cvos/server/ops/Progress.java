package dev.cvos.server.ops;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Shows how far a long operation is: objects and bytes done of the total, on the tool's error
 * writer (so the tool's output stays machine-readable), at most once per interval and at the end.
 */
public final class Progress {
  private final PrintWriter out;
  private final Clock clock;
  private final Duration interval;
  private String label = "";
  private long totalObjects;
  private long totalBytes;
  private long doneObjects;
  private long doneBytes;
  private Instant lastShown = Instant.MIN;

  public Progress(PrintWriter out, Clock clock, Duration interval) {
    this.out = Objects.requireNonNull(out, "out");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.interval = Objects.requireNonNull(interval, "interval");
  }

  /** Starts counting towards a new total. */
  public synchronized void start(String what, long objects, long bytes) {
    this.label = what;
    this.totalObjects = objects;
    this.totalBytes = bytes;
    this.doneObjects = 0;
    this.doneBytes = 0;
    this.lastShown = Instant.MIN;
    show();
  }

  /** One more object done, of {@code bytes} bytes. */
  public synchronized void advance(long bytes) {
    doneObjects++;
    doneBytes += bytes;
    Instant now = clock.instant();
    if (!now.isBefore(lastShown.plus(interval))) {
      show();
    }
  }

  /** Shows the final count. */
  public synchronized void finish() {
    show();
  }

  private void show() {
    lastShown = clock.instant();
    out.printf(Locale.ROOT, "%s: %d/%d objects, %s/%s%n", label, doneObjects, totalObjects,
        bytes(doneBytes), bytes(totalBytes));
    out.flush();
  }

  /** A byte count for people: 0 B, 12.3 KiB, 4.0 MiB, 1.2 GiB. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    double value = bytes;
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
