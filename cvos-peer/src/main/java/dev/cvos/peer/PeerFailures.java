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
   */
  record Failure(Cause cause, String detail, boolean tls) {}

  static Failure classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SSLException) {
        return new Failure(Cause.CONNECTION, "TLS handshake failed (certificate not trusted or not "
            + "matching the peer's name?): " + t.getMessage(), true);
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException
          || t instanceof UnknownHostException) {
        return new Failure(Cause.CONNECTION, "cannot connect: " + t, false);
      }
      if (t instanceof SocketTimeoutException || t instanceof TimeoutException) {
        return new Failure(Cause.TIMEOUT, "timed out: " + t.getMessage(), false);
      }
    }
    return new Failure(Cause.CONNECTION, "exchange failed: " + failure, false);
  }
}
