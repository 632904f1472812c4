package dev.cvos.domain.relay;

import java.time.Duration;

/**
 * The one bound every relay timing test checks: a relay never takes longer than
 * {@code relay.timeout + relay.margin} (docs/operations.md, cvos-peer/RELAY.md), plus
 * {@link #SCHEDULING_ALLOWANCE}, stated here once for the domain, transport and process tests.
 *
 * <p>The allowance is not part of the promise: it is the time the measuring thread may lose
 * after the relay has given up, to being woken late on a machine whose cores are all busy
 * (several builds at once), to a young-generation GC pause, and, in the process tests, to writing
 * the 503 and reading it over loopback. It does not cover a relay that waits for a hanging peer:
 * that takes the peer's whole hang (seconds) and fails every check that uses it.
 */
public final class RelayBound {
  /** What a busy two-core machine may add to the documented bound; see the class comment. */
  public static final Duration SCHEDULING_ALLOWANCE = Duration.ofMillis(300);

  private RelayBound() {}

  /** {@code timeout + margin + SCHEDULING_ALLOWANCE}: the longest a relay may take to answer. */
  public static Duration of(Duration timeout, Duration margin) {
    return timeout.plus(margin).plus(SCHEDULING_ALLOWANCE);
  }

  /** {@link #of(Duration, Duration)} for the policy's timeout and margin. */
  public static Duration of(RelayPolicy policy) {
    return of(policy.timeout(), policy.margin());
  }
}
