package dev.cvos.server.ops;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Waits until a server on this machine answers {@code /health/ready} with 200. It only asks a
 * loopback address, so it accepts any certificate: it checks that this machine's server is up, it
 * sends no secret, and the server's certificate is often self-signed.
 */
public final class ReadinessProbe {
  private static final Duration POLL = Duration.ofMillis(250);
  private static final int TIMEOUT_MILLIS = 2_000;

  private final Clock clock;

  public ReadinessProbe(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What the wait found. */
  public record Outcome(boolean ready, String message) {}

  /**
   * Polls {@code uri} until it answers 200, {@code timeout} passes, or {@code alive} says the
   * server process is gone.
   */
  public Outcome await(URI uri, Duration timeout, BooleanSupplier alive)
      throws GeneralSecurityException, IOException, InterruptedException {
    if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("the readiness probe only asks this machine; "
          + uri.getHost() + " is not a loopback address");
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {new AnyCertificate()}, null);
    Instant deadline = clock.instant().plus(timeout);
    String last = "no answer yet";
    while (clock.instant().isBefore(deadline)) {
      if (!alive.getAsBoolean()) {
        return new Outcome(false, "the server process exited before it was ready (" + last + ")");
      }
      try {
        int status = status(uri, tls);
        if (status == 200) {
          return new Outcome(true, "ready: " + uri + " answered 200");
        }
        last = uri + " answered " + status;
      } catch (IOException e) {
        last = uri + ": " + e.getMessage();
      }
      Thread.sleep(POLL.toMillis());
    }
    return new Outcome(false, "not ready after " + timeout.toSeconds() + "s (" + last + ")");
  }

  private static int status(URI uri, SSLContext tls) throws IOException {
    HttpsURLConnection connection = (HttpsURLConnection) uri.toURL().openConnection();
    connection.setSSLSocketFactory(tls.getSocketFactory());
    connection.setHostnameVerifier((host, session) -> true);
    connection.setConnectTimeout(TIMEOUT_MILLIS);
    connection.setReadTimeout(TIMEOUT_MILLIS);
    connection.setRequestMethod("GET");
    try {
      int status = connection.getResponseCode();
      InputStream body = status < HttpURLConnection.HTTP_BAD_REQUEST
          ? connection.getInputStream() : connection.getErrorStream();
      if (body != null) {
        body.close();
      }
      return status;
    } finally {
      connection.disconnect();
    }
  }

  /** Trusts any certificate: for the loopback probe only (see the class comment). */
  private static final class AnyCertificate implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {
      // the probe is a client; it is never asked to trust a client
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
      // any: this machine's own server, asked over loopback for its readiness only
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
