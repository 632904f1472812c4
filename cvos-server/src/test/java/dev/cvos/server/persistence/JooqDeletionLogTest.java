package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.Deletion;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JooqDeletionLogTest extends DatabaseTestBase {
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private JooqServerRegistry registry;
  private JooqDeletionLog log;

  @BeforeEach
  void repositories() {
    registry = new JooqServerRegistry(database.dsl());
    log = new JooqDeletionLog(database.dsl());
  }

  private void register(String id, ServerRole role) {
    registry.register(new ServerRecord(id, URI.create("https://" + id + ":8443"), role,
        StorageMode.LOCAL, "0.1.0", T0));
  }

  private List<Long> recordDeletions(int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> log.record("images", "key-" + i, T0.plusSeconds(i), "a").id())
        .toList();
  }

  private static List<Long> ids(List<Deletion> deletions) {
    return deletions.stream().map(Deletion::id).toList();
  }

  @Test
  void recordKeepsTheDeletionAndAssignsIncreasingIds() {
    register("a", ServerRole.PRIMARY);

    Deletion first = log.record("images", "2026/03/p.jpg", T0, "a");
    Deletion second = log.record("events", "r/1", T0.plusSeconds(1), "a");

    assertThat(second.id()).isGreaterThan(first.id());
    assertThat(log.pendingFor("a", 10)).containsExactly(
        new Deletion(first.id(), "images", "2026/03/p.jpg", T0, "a"),
        new Deletion(second.id(), "events", "r/1", T0.plusSeconds(1), "a"));
  }

  @Test
  void pendingForListsWhatTheServerHasNotAppliedOldestFirstUpToTheLimit() {
    register("a", ServerRole.PRIMARY);
    register("b", ServerRole.REDUNDANT_SECONDARY);
    List<Long> recorded = recordDeletions(5);

    log.markApplied("a", recorded.get(1));

    assertThat(ids(log.pendingFor("a", 2))).containsExactly(recorded.get(2), recorded.get(3));
    assertThat(ids(log.pendingFor("a", 100))).containsExactlyElementsOf(recorded.subList(2, 5));
    assertThat(ids(log.pendingFor("b", 100))).containsExactlyElementsOf(recorded);
  }

  @Test
  void markAppliedNeverMovesTheWatermarkBack() {
    register("a", ServerRole.PRIMARY);
    List<Long> recorded = recordDeletions(3);

    log.markApplied("a", recorded.get(2));
    log.markApplied("a", recorded.get(0));

    assertThat(log.pendingFor("a", 10)).isEmpty();
  }

  @Test
  void markAppliedForAnUnregisteredServerIsRefused() {
    assertThatThrownBy(() -> log.markApplied("ghost", 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ghost");
  }

  @Test
  void badArgumentsAreRefusedWithTheirName() {
    assertThatThrownBy(() -> log.pendingFor("a", 0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> log.markApplied("a", -1)).hasMessageContaining("id");
    assertThatThrownBy(() -> log.record("", "k", T0, "a")).hasMessageContaining("bucket");
    assertThatThrownBy(() -> log.record("b", "k".repeat(1025), T0, "a"))
        .hasMessageContaining("key");
  }

  @Test
  void dropKeepsARecordUntilEveryStoringServerHasAppliedIt() {
    register("a", ServerRole.PRIMARY);
    register("b", ServerRole.REDUNDANT_SECONDARY);
    List<Long> recorded = recordDeletions(3);

    log.markApplied("a", recorded.get(2));
    assertThat(log.dropFullyApplied()).isZero();

    log.markApplied("b", recorded.get(0));
    assertThat(log.dropFullyApplied()).isEqualTo(1);
    assertThat(ids(log.pendingFor("b", 10))).containsExactly(recorded.get(1), recorded.get(2));

    log.markApplied("b", recorded.get(2));
    assertThat(log.dropFullyApplied()).isEqualTo(2);
    assertThat(log.dropFullyApplied()).isZero();
  }

  @Test
  void aSimpleSecondaryNeverHoldsRecords() {
    register("a", ServerRole.PRIMARY);
    register("proxy", ServerRole.SIMPLE_SECONDARY);
    List<Long> recorded = recordDeletions(2);

    log.markApplied("a", recorded.get(1));

    assertThat(log.dropFullyApplied()).isEqualTo(2);
  }

  @Test
  void aServerRegisteredLaterHoldsRecordsOnlyUntilItCatchesUp() {
    register("a", ServerRole.PRIMARY);
    List<Long> recorded = recordDeletions(2);
    log.markApplied("a", recorded.get(1));
    register("late", ServerRole.REDUNDANT_SECONDARY);

    assertThat(log.dropFullyApplied()).isZero();
    assertThat(ids(log.pendingFor("late", 10))).containsExactlyElementsOf(recorded);

    log.markApplied("late", recorded.get(1));
    assertThat(log.dropFullyApplied()).isEqualTo(2);
  }

  @Test
  void aServerThatIsAwayKeepsRecordsAliveHoweverOld() {
    register("a", ServerRole.PRIMARY);
    register("away", ServerRole.REDUNDANT_SECONDARY);
    Deletion old = log.record("images", "k", Instant.parse("2020-01-01T00:00:00Z"), "a");
    log.markApplied("a", old.id());
    registry.heartbeat("a", T0.plusSeconds(86_400 * 30));

    assertThat(log.dropFullyApplied()).isZero();
    assertThat(log.pendingFor("away", 10)).containsExactly(old);
  }

  @Test
  void aServerThatStopsStoringNoLongerHoldsRecords() {
    register("a", ServerRole.PRIMARY);
    register("b", ServerRole.REDUNDANT_SECONDARY);
    List<Long> recorded = recordDeletions(1);
    log.markApplied("a", recorded.get(0));
    assertThat(log.dropFullyApplied()).isZero();

    register("b", ServerRole.SIMPLE_SECONDARY);

    assertThat(log.dropFullyApplied()).isEqualTo(1);
  }

  @Test
  void withNoStoringServerRegisteredNothingIsDropped() {
    register("proxy", ServerRole.SIMPLE_SECONDARY);
    recordDeletions(2);

    assertThat(log.dropFullyApplied()).isZero();
    assertThat(log.pendingFor("proxy", 10)).hasSize(2);
  }
}
