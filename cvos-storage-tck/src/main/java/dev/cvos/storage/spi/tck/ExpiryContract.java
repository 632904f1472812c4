package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNotFoundException;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Ephemeral objects: gone for readers the moment they expire, reclaimed by {@code purgeExpired}.
 * A store without {@link StoreCapability#EXPIRY} must refuse a write with an expiry time.
 */
interface ExpiryContract extends StoreFixture {

  private WriteRequest expiring(String key, Duration after) {
    return WriteRequest.of(BUCKET, key).withExpires(clock().instant().plus(after));
  }

  @Test
  default void expiryTimeRoundTripsAndTheObjectReadsUntilThen() throws IOException {
    WriteRequest request = expiring("brief", Duration.ofSeconds(60));
    if (!supports(StoreCapability.EXPIRY)) {
      assertUnsupported(StoreCapability.EXPIRY, () -> store().put(request, GeneratedBody.of(10, 1)));
      assertThat(store().stat(BUCKET, "brief")).isEmpty();
      return;
    }
    ObjectMetadata stored = putGenerated(request, 10, 1);
    assertThat(stored.expires()).isEqualTo(request.expires());
    clock().advance(Duration.ofSeconds(59));
    assertThat(store().stat(BUCKET, "brief")).contains(stored);
    assertThat(readWhole(BUCKET, "brief")).isEqualTo(GeneratedBody.digest(10, 1));
  }

  @Test
  default void anExpiredObjectIsInvisibleToGetStatAndList() throws IOException {
    WriteRequest request = expiring("ephemeral", Duration.ofSeconds(30));
    if (!supports(StoreCapability.EXPIRY)) {
      assertUnsupported(StoreCapability.EXPIRY, () -> store().put(request, GeneratedBody.of(10, 1)));
      return;
    }
    putGenerated(request, 10, 2);
    putGenerated(BUCKET, "lasting", 10, 3);
    clock().advance(Duration.ofSeconds(30));
    assertThatThrownBy(() -> store().get(BUCKET, "ephemeral", ByteRange.ALL).close())
        .isInstanceOf(ObjectNotFoundException.class);
    assertThat(store().stat(BUCKET, "ephemeral")).isEmpty();
    assertThat(store().list(BUCKET, ListRequest.firstPage(10)).items())
        .extracting(ObjectMetadata::key)
        .containsExactly("lasting");
    assertThat(store().delete(BUCKET, "ephemeral")).as("an expired object counts as missing").isFalse();
  }

  @Test
  default void purgeExpiredReclaimsOnlyExpiredObjects() throws IOException {
    if (!supports(StoreCapability.EXPIRY)) {
      WriteRequest request = expiring("ephemeral", Duration.ofSeconds(1));
      assertUnsupported(StoreCapability.EXPIRY, () -> store().put(request, GeneratedBody.of(10, 1)));
      putGenerated(BUCKET, "lasting", 10, 3);
      assertThat(store().purgeExpired(clock().instant().plus(Duration.ofDays(365)))).isZero();
      return;
    }
    putGenerated(expiring("soon", Duration.ofSeconds(10)), 1000, 4);
    putGenerated(expiring("sooner", Duration.ofSeconds(5)), 1000, 5);
    putGenerated(expiring("later", Duration.ofHours(1)), 1000, 6);
    putGenerated(BUCKET, "lasting", 10, 7);
    Instant now = clock().instant();
    assertThat(store().purgeExpired(now)).isZero();
    assertThat(store().purgeExpired(now.plusSeconds(10))).isEqualTo(2);
    assertThat(store().purgeExpired(now.plusSeconds(10))).isZero();
    clock().advance(Duration.ofSeconds(10));
    assertThat(listAllKeys(BUCKET, "", null, 10)).containsExactly("lasting", "later");
    assertThat(readWhole(BUCKET, "later")).isEqualTo(GeneratedBody.digest(1000, 6));
  }

  @Test
  default void createOnlySucceedsOverAnExpiredObject() throws IOException {
    WriteRequest first = expiring("recycled", Duration.ofSeconds(5));
    WriteRequest second = WriteRequest.of(BUCKET, "recycled").withMode(WriteMode.CREATE_ONLY);
    if (!supports(StoreCapability.EXPIRY)) {
      assertUnsupported(StoreCapability.EXPIRY, () -> store().put(first, GeneratedBody.of(10, 1)));
      return;
    }
    putGenerated(first, 100, 8);
    clock().advance(Duration.ofSeconds(6));
    if (!supports(StoreCapability.CREATE_ONLY)) {
      assertUnsupported(StoreCapability.CREATE_ONLY, () -> store().put(second, GeneratedBody.of(10, 9)));
      return;
    }
    ObjectMetadata created = putGenerated(second, 200, 9);
    assertThat(created.expires()).isNull();
    assertThat(store().stat(BUCKET, "recycled")).contains(created);
    assertThat(readWhole(BUCKET, "recycled")).isEqualTo(GeneratedBody.digest(200, 9));
  }
}
