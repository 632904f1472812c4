package dev.cvos.storage.smb;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.StoredObject;
import dev.cvos.storage.spi.WriteRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Logging on to a real smbd: guests, users, and the ways a logon or a connection fails. */
class SmbAccessTest {
  @RegisterExtension static final TestingSmbServer SMB = new TestingSmbServer();

  private final StoreContext context = StoreContext.of(Clock.systemUTC(), "access-test");

  @Test
  void guestShareRoundTripsAnObject() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.GUEST_SHARE);
    try (ObjectStore store = new SmbObjectStoreFactory().create(
        Map.of("url", url, "guest", "true"), context)) {
      byte[] body = "hello from a guest".getBytes(UTF_8);
      ObjectMetadata stored = store.put(
          WriteRequest.of("guests", "notes/hello.txt").withContentType("text/plain"),
          new ByteArrayInputStream(body));

      try (StoredObject read = store.get("guests", "notes/hello.txt", ByteRange.ALL)) {
        assertThat(read.body().readAllBytes()).isEqualTo(body);
        assertThat(read.metadata()).isEqualTo(stored);
      }
      assertThat(store.list("guests", ListRequest.firstPage(10)).items()).containsExactly(stored);
      assertThat(store.delete("guests", "notes/hello.txt")).isTrue();
      assertThat(store.stat("guests", "notes/hello.txt")).isEmpty();
      assertThat(store.health().healthy()).as(store.health().detail()).isTrue();
    }
  }

  @Test
  void wrongPasswordFailsAtStartNamingTheKeysButNotThePassword() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Map<String, String> config = Map.of(
        "url", url, "user", SMB.user(), "password", "wrong-Secret-123");

    assertThatThrownBy(() -> new SmbObjectStoreFactory().create(config, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.config.user/password/domain")
        .hasMessageContaining("refused the logon of user '" + SMB.user() + "'")
        .hasMessageContaining("check user, password and domain")
        .message().doesNotContain("wrong-Secret-123");
  }

  @Test
  void guestOnTheUserShareIsRefusedWithAClearMessage() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);

    assertThatThrownBy(() -> new SmbObjectStoreFactory().create(
            Map.of("url", url, "guest", "true"), context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.config.");
  }

  @Test
  void unknownShareFailsAtStartNamingTheUrl() {
    Map<String, String> config = Map.of("url", SMB.shareUrl("no-such-share"),
        "user", SMB.user(), "password", SMB.password());

    assertThatThrownBy(() -> new SmbObjectStoreFactory().create(config, context))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("storage.config.url")
        .hasMessageContaining("no-such-share");
  }

  @Test
  void serverThatDoesNotListenIsUnavailableAtStartPromptly() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> config = new HashMap<>(Map.of(
        "url", "smb://127.0.0.1:" + closedPort + "/data/",
        "user", SMB.user(), "password", SMB.password(), "connect-timeout", "1s"));
    long start = System.nanoTime();

    assertThatThrownBy(() -> new SmbObjectStoreFactory().create(config, context))
        .isInstanceOf(BackendUnavailableException.class)
        .hasMessageContaining("smb://127.0.0.1:" + closedPort + "/data/")
        .message().doesNotContain(SMB.password());
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void folderMissingFromTheShareIsCreatedAtStart() throws IOException {
    String url = SMB.shareUrl(TestingSmbServer.USER_SHARE) + "fresh/deeper/";
    try (ObjectStore store = new SmbObjectStoreFactory().create(
        Map.of("url", url, "user", SMB.user(), "password", SMB.password()), context)) {
      store.put(WriteRequest.of("b", "k"), new ByteArrayInputStream(new byte[] {1}));
    }
    assertThat(SMB.shareDirectory(TestingSmbServer.USER_SHARE).resolve("fresh/deeper/b"))
        .isDirectory();
  }

  @Test
  void storeNegotiatesSmb311ByDefaultAndHonoursMaxVersion() throws IOException {
    String url = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    Map<String, String> config = new HashMap<>(Map.of(
        "url", url, "user", SMB.user(), "password", SMB.password()));
    try (ObjectStore store = new SmbObjectStoreFactory().create(config, context)) {
      store.usableSpace();
      assertThat(SMB.sessions()).contains("SMB3_11").doesNotContain("SMB2_10");
    }
    config.put("max-version", "SMB210");
    try (ObjectStore store = new SmbObjectStoreFactory().create(config, context)) {
      store.usableSpace();
      assertThat(SMB.sessions()).contains("SMB2_10");
    }
  }
}
