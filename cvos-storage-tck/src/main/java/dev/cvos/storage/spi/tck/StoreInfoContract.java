package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreCapability;
import dev.cvos.storage.spi.StoreHealth;
import dev.cvos.storage.spi.WriteRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What a store says about itself, and what survives closing and opening it again. */
interface StoreInfoContract extends StoreFixture {

  @Test
  default void usableSpaceIsPositive() throws Exception {
    assertThat(store().usableSpace()).isPositive();
  }

  @Test
  default void aFreshStoreIsHealthy() {
    StoreHealth health = store().health();
    assertThat(health.healthy()).as(health.detail()).isTrue();
  }

  @Test
  default void closeIsIdempotent() throws Exception {
    store().close();
    store().close();
  }

  @Test
  default void objectsAndTheirMetadataSurviveReopeningTheStore() throws Exception {
    WriteRequest request = WriteRequest.of(BUCKET, "durable/one").withContentType("text/plain");
    if (supports(StoreCapability.EXPIRY)) {
      request = request.withExpires(clock().instant().plus(Duration.ofDays(2)));
    }
    ObjectMetadata first = putGenerated(request, 70_000, 1);
    clock().advance(Duration.ofMinutes(3));
    ObjectMetadata second = putGenerated("other", "durable/two", 0, 2);

    ObjectStore reopened = reopenStore();

    assertThat(reopened.stat(BUCKET, "durable/one")).contains(first);
    assertThat(reopened.stat("other", "durable/two")).contains(second);
    assertThat(first.created()).isNotEqualTo(second.created());
    assertThat(readWhole(BUCKET, "durable/one")).isEqualTo(GeneratedBody.digest(70_000, 1));
    assertThat(reopened.list(BUCKET, ListRequest.firstPage(10)).items()).containsExactly(first);
    assertThat(reopened.buckets()).containsExactly("other", BUCKET);
  }
}
