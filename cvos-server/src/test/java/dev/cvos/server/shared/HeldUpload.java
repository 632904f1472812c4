package dev.cvos.server.shared;

import dev.cvos.server.testing.WireClient;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PUT caught in the middle: the client sends the first part of the body, then holds the rest
 * until {@link #finish()}, so a test can look at the shared storage while the object is half
 * written.
 */
final class HeldUpload implements AutoCloseable {
  private final ExecutorService sender = Executors.newSingleThreadExecutor();
  private final CountDownLatch firstPartSent = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private final Future<Written> written;

  private HeldUpload(WireClient client, String bucket, String key, byte[] body, int firstPart) {
    written = sender.submit(() -> client.put(bucket, key, BodyPublishers.fromPublisher(
        BodyPublishers.ofInputStream(() -> new Held(body, firstPart)), body.length), WriteOptions.none()));
  }

  /** Starts a PUT of {@code body} that stops after {@code firstPart} bytes. */
  static HeldUpload start(WireClient client, String bucket, String key, byte[] body, int firstPart) {
    return new HeldUpload(client, bucket, key, body, firstPart);
  }

  /** Waits until the client has handed the first part to the connection. */
  void awaitFirstPartSent(Duration timeout) throws InterruptedException, TimeoutException {
    if (!firstPartSent.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new TimeoutException("the first part of the upload was not sent within " + timeout);
    }
  }

  /** Sends the rest and returns the server's answer. */
  Written finish() throws Exception {
    released.countDown();
    return written.get(60, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    released.countDown();
    sender.shutdownNow();
    sender.awaitTermination(30, TimeUnit.SECONDS);
  }

  private final class Held extends InputStream {
    private final byte[] body;
    private final int firstPart;
    private int position;

    Held(byte[] body, int firstPart) {
      this.body = body;
      this.firstPart = firstPart;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (position >= body.length) {
        return -1;
      }
      if (position == firstPart) {
        firstPartSent.countDown();
        try {
          released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("the held upload was abandoned");
        }
      }
      int limit = position < firstPart ? firstPart : body.length;
      int count = Math.min(length, limit - position);
      System.arraycopy(body, position, buffer, offset, count);
      position += count;
      return count;
    }
  }
}
