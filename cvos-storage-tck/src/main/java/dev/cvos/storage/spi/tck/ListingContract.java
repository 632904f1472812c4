package dev.cvos.storage.spi.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectListing;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectNames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Listings: byte order, prefixes, pages. */
interface ListingContract extends StoreFixture {
  /** How many keys the pagination case writes. */
  int MANY_KEYS = 3000;

  @Test
  default void listingOfAnEmptyBucketIsEmptyAndLast() throws IOException {
    ObjectListing listing = store().list("empty", ListRequest.firstPage(10));
    assertThat(listing.items()).isEmpty();
    assertThat(listing.next()).isNull();
  }

  /**
   * UTF-8 byte order, not Java's UTF-16 order: U+1F600 (4 bytes, F0...) sorts after U+FF5E (EF...)
   * in bytes, but before it in UTF-16 code units (D83D &lt; FF5E).
   */
  @Test
  default void listingIsInUtf8ByteOrderIncludingKeysAboveUffff() throws IOException {
    List<String> keys = List.of("~", "a", "a/b", "a-b", "B", "\uFF5E", "\uD83D\uDE00", "\u00e9", "z", "0", "a0");
    for (String key : keys) {
      putBytes(BUCKET, key, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    List<String> expected = new ArrayList<>(keys);
    expected.sort(ObjectNames::compareKeys);
    assertThat(expected.indexOf("\uFF5E")).isLessThan(expected.indexOf("\uD83D\uDE00"));
    assertThat(listAllKeys(BUCKET, "", null, 1000)).containsExactlyElementsOf(expected);
    assertThat(listAllKeys(BUCKET, "", null, 3)).containsExactlyElementsOf(expected);
    assertThat(listAllKeys(BUCKET, "", "\uFF5E", 1000)).containsExactly("\uD83D\uDE00");
  }

  @Test
  default void listingReportsEachObjectsMetadata() throws IOException {
    ObjectMetadata stored = putGenerated(BUCKET, "listed/one", 1234, 5);
    ObjectListing listing = store().list(BUCKET, ListRequest.firstPage(10));
    assertThat(listing.items()).containsExactly(stored);
    assertThat(listing.next()).isNull();
  }

  @Test
  default void listingShowsOnlyTheBucketAsked() throws IOException {
    putBytes("left", "same", new byte[] {1});
    putBytes("right", "same", new byte[] {2, 3});
    putBytes("right", "other", new byte[] {4});
    assertThat(listAllKeys("left", "", null, 10)).containsExactly("same");
    assertThat(listAllKeys("right", "", null, 10)).containsExactly("other", "same");
    assertThat(store().buckets()).containsExactly("left", "right");
  }

  @Test
  default void bucketsListsBucketsHoldingObjectsInByteOrder() throws IOException {
    assertThat(store().buckets()).isEmpty();
    for (String bucket : List.of("zeta", "alpha", "0-first", "mid.dle")) {
      putBytes(bucket, "k", new byte[0]);
    }
    putBytes("gone", "k", new byte[0]);
    assertThat(store().delete("gone", "k")).isTrue();
    assertThat(store().buckets()).containsExactly("0-first", "alpha", "mid.dle", "zeta");
  }

  /** 3000 keys in two prefixes, walked in pages of several sizes from several starting points. */
  @Test
  default void listingPaginatesThousandsOfKeysWithPrefixStartAfterAndLimit() throws IOException {
    List<String> all =
        IntStream.range(0, MANY_KEYS)
            .mapToObj(i -> (i % 3 == 0 ? "q/" : "p/") + String.format("%05d", i * 7919 % 100_000))
            .collect(Collectors.toList());
    for (String key : all) {
      putBytes(BUCKET, key, new byte[] {(byte) key.hashCode()});
    }
    all.sort(ObjectNames::compareKeys);
    List<String> q = all.stream().filter(k -> k.startsWith("q/")).collect(Collectors.toList());

    ObjectListing first = store().list(BUCKET, ListRequest.firstPage(ListRequest.MAX_LIMIT));
    assertThat(first.items()).hasSize(1000);
    assertThat(first.next()).isEqualTo(all.get(999));
    assertThat(listAllKeys(BUCKET, "", null, ListRequest.MAX_LIMIT)).containsExactlyElementsOf(all);
    assertThat(listAllKeys(BUCKET, "q/", null, 1000)).containsExactlyElementsOf(q);
    String middle = q.get(q.size() / 2);
    assertThat(listAllKeys(BUCKET, "q/", middle, 97))
        .containsExactlyElementsOf(q.subList(q.size() / 2 + 1, q.size()));
    assertThat(listAllKeys(BUCKET, "", "p/~", 1000)).containsExactlyElementsOf(q);
    assertThat(listAllKeys(BUCKET, "p/", "q/", 5)).isEmpty();
    assertThat(listAllKeys(BUCKET, "nothing/", null, 5)).isEmpty();
    ObjectListing last = store().list(BUCKET, new ListRequest("", all.get(all.size() - 2), 1));
    assertThat(last.items()).extracting(ObjectMetadata::key).containsExactly(all.get(all.size() - 1));
    assertThat(last.next()).as("the last page has no next").isNull();
  }
}
