package dev.cvos.domain.cluster;

import java.time.Instant;
import java.util.List;

/**
 * Deletions that every storing server must apply, so that a server that was offline when an
 * object was deleted never serves it again. A record is dropped only once every registered storing
 * server has applied it — never after a fixed age.
 */
public interface DeletionLog {
  /** Records a deletion and returns it with its id. */
  Deletion record(String bucket, String key, Instant deletedAt, String deletedBy);

  /** Deletions {@code serverId} has not applied yet, oldest first, at most {@code limit}. */
  List<Deletion> pendingFor(String serverId, int limit);

  /** Notes that {@code serverId} has applied every deletion up to and including {@code id}. */
  void markApplied(String serverId, long id);

  /**
   * Drops the records every registered storing server has applied.
   *
   * @return how many were dropped
   */
  int dropFullyApplied();
}
