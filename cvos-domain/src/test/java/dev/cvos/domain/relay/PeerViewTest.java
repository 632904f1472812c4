package dev.cvos.domain.relay;

import static dev.cvos.domain.cluster.ServerRole.PRIMARY;
import static dev.cvos.domain.cluster.ServerRole.REDUNDANT_SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.domain.cluster.ServerRecord;
import org.junit.jupiter.api.Test;

class PeerViewTest {
  private final TestCluster cluster = new TestCluster();

  @Test
  void viewIsEmptyUntilTheFirstRefresh() {
    cluster.registry.register(TestCluster.server("a", PRIMARY, cluster.clock.instant()));

    assertThat(cluster.view.servers()).isEmpty();
    cluster.view.refresh();
    assertThat(cluster.view.servers()).extracting(ServerRecord::id).containsExactly("a");
  }

  @Test
  void refreshSeesServersThatRegisteredSince() {
    cluster.with("a", PRIMARY);
    cluster.registry.register(TestCluster.server("b", REDUNDANT_SECONDARY, cluster.clock.instant()));

    cluster.view.refresh();

    assertThat(cluster.view.storingPeers()).extracting(ServerRecord::id).containsExactly("a", "b");
  }

  @Test
  void failedRefreshKeepsTheLastListAndReportsTheFailure() {
    cluster.with("a", PRIMARY);
    cluster.registry.failure = new IllegalStateException("database down");

    assertThatThrownBy(cluster.view::refresh).hasMessage("database down");
    assertThat(cluster.view.servers()).extracting(ServerRecord::id).containsExactly("a");
  }

  @Test
  void serverIdPrefixHintReadsTheLastSegmentUpToTheFirstDot() {
    LocationHint hint = LocationHint.serverIdPrefix();

    assertThat(hint.serverIdOf("b", "s2.k3j4h5")).contains("s2");
    assertThat(hint.serverIdOf("b", "users/7/s1.abc.jpg")).contains("s1");
    assertThat(hint.serverIdOf("b", "s9.dir/plain")).isEmpty();
    assertThat(hint.serverIdOf("b", ".hidden")).isEmpty();
    assertThat(hint.serverIdOf("b", "nodot")).isEmpty();
    assertThat(LocationHint.none().serverIdOf("b", "s2.x")).isEmpty();
  }
}
