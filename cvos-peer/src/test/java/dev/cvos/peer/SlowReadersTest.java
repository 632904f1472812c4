package dev.cvos.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.relay.Deadline;
import dev.cvos.domain.relay.PeerAnswer;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 6: relayed downloads whose readers are slow (clients that read a little and then
 * stall) must not hold the connections to their peer, or every other relay to that peer waits
 * behind them and times out. Against a real HTTPS peer, with twice as many stalled downloads as
 * the pool has connections, other relayed GETs keep being answered within their deadline, and the
 * stalled downloads still read their whole, correct body afterwards.
 */
@Timeout(180)
class SlowReadersTest {
  private static final int POOL = 4;
  private static final long PART = 8L << 20;

  @TempDir
  Path dir;

  @Test
  void stalledDownloadsLeaveThePeerConnectionsToOtherRelays() throws Exception {
    TestCertificates certificates = TestCertificates.generate(dir, "peer");
    try (TestPeer peer = new TestPeer("s2", certificates, TestObjects.patternSha256(TestPeer.BIG_SIZE));
        HttpPeerGateway gateway = HttpPeerGateway.start(
            new PeerClientSettings(TestPeer.PEER_KEY, Duration.ofSeconds(2), Duration.ofSeconds(10), POOL),
            PeerTrust.pkcs12(certificates.truststore(), certificates.password()))) {
      List<StoredObject> stalled = new ArrayList<>();
      List<byte[]> firstBytes = new ArrayList<>();
      try {
        for (int i = 0; i < 2 * POOL; i++) {
          PeerAnswer<StoredObject> answer = gateway.get(peer.record(), "img", "big", ByteRange.closed(0, PART - 1),
              Deadline.after(Duration.ofSeconds(10)));
          assertThat(answer).as("stalled download %d", i).isInstanceOf(PeerAnswer.Found.class);
          StoredObject object = ((PeerAnswer.Found<StoredObject>) answer).value();
          stalled.add(object);
          firstBytes.add(object.body().readNBytes(64 * 1024));
        }

        for (int i = 0; i < 10; i++) {
          long start = System.nanoTime();
          PeerAnswer<StoredObject> small = gateway.get(peer.record(), "img", "small", ByteRange.ALL,
              Deadline.after(Duration.ofSeconds(2)));
          assertThat(small).as("relay %d while %d downloads stall on a pool of %d", i, stalled.size(), POOL)
              .isInstanceOf(PeerAnswer.Found.class);
          try (StoredObject object = ((PeerAnswer.Found<StoredObject>) small).value()) {
            assertThat(object.body().readAllBytes()).isEqualTo(TestObjects.SMALL);
          }
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }

        String expected = TestObjects.patternSha256(PART);
        for (int i = 0; i < stalled.size(); i++) {
          long[] count = {0};
          String read = TestObjects.sha256(new SequenceInputStream(
              new ByteArrayInputStream(firstBytes.get(i)), stalled.get(i).body()), count);
          assertThat(count[0]).as("bytes of download %d", i).isEqualTo(PART);
          assertThat(read).as("download %d read the object's bytes", i).isEqualTo(expected);
        }
      } finally {
        for (StoredObject object : stalled) {
          object.close();
        }
      }
    }
  }
}
