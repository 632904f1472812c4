package dev.cvos.domain.relay;

import java.util.List;
import java.util.Objects;

/**
 * The answer of a relayed DELETE: which storing peers had a copy and deleted it, which had none,
 * and which could not be reached. The caller records the deletion in the {@link
 * dev.cvos.domain.cluster.DeletionLog} whenever {@link #complete()} is false, so the unreached
 * peers delete their copy when they return.
 *
 * @param deletedOn peers that had a copy and deleted it
 * @param notFoundOn peers that answered they had none
 * @param unreachable peers that did not answer in time
 * @param reason what happened with the unreachable peers, empty when there were none
 */
public record DeleteOutcome(
    List<String> deletedOn, List<String> notFoundOn, List<String> unreachable, String reason) {
  public DeleteOutcome {
    deletedOn = List.copyOf(deletedOn);
    notFoundOn = List.copyOf(notFoundOn);
    unreachable = List.copyOf(unreachable);
    Objects.requireNonNull(reason, "reason");
  }

  /** Whether any peer had a copy. */
  public boolean anyDeleted() {
    return !deletedOn.isEmpty();
  }

  /** Whether every storing peer answered (so no copy is left anywhere). */
  public boolean complete() {
    return unreachable.isEmpty();
  }
}
