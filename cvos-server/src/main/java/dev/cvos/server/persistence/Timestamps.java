package dev.cvos.server.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from PostgreSQL's {@code timestamp with time zone} (microsecond precision). */
final class Timestamps {
  private Timestamps() {}

  static OffsetDateTime toDatabase(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  static Instant fromDatabase(OffsetDateTime timestamp) {
    return timestamp.toInstant();
  }
}
