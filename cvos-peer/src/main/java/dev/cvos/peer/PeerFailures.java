package dev.cvos.peer;

import dev.cvos.domain.relay.PeerAnswer.Cause;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/** Tells what kind of failure ended an exchange with a peer, from the exception chain. */
final class PeerFailures {
  private PeerFailures() {}

  /**
   * A classified failure.
   *
   * @param cause the kind, for the relay's answer
   * @param detail what happened, for the log
   * @param tls whether TLS failed (an untrusted or mismatching certificate), which an operator must
   *     fix
   * @param logged whether it was logged already (a certificate {@link PeerTrust} refused, logged
   *     once there)
   */
  record Failure(Cause cause, String detail, boolean tls, boolean logged) {
    /** Whether the caller should log it: a TLS failure not logged yet. */
    boolean toLog() {
      return tls && !logged;
    }
  }

  static Failure classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new Failure(Cause.CONNECTION, "TLS handshake failed (certificate not trusted or not "
            + "matching the peer's name?): " + t.getMessage(), true, refusedByTrust(t));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException) {
        return new Failure(Cause.CONNECTION, "cannot connect: " + t, false, false);
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return new Failure(Cause.TIMEOUT, "timed out: " + t.getMessage(), false, false);
      }
    }
    return new Failure(Cause.CONNECTION, "exchange failed: " + failure, false, false);
  }

  private static boolean refusedByTrust(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof PeerTrust.PeerCertificateException) {
        return true;
      }
    }
    return false;
  }
}
