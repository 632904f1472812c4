package dev.cvos.server.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Instants to and from PostgreSQL's {@code timestamp with time zone}, which keeps microseconds:
 * finer digits are cut off here (PostgreSQL would round them), so what is read back is the
 * written instant truncated to microseconds.
 */
final class Timestamps {
  private Timestamps() {}

  static OffsetDateTime toDatabase(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
  }

  static Instant fromDatabase(OffsetDateTime timestamp) {
    return timestamp.toInstant();
  }
}
