package dev.cvos.storage.smb;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.tck.ObjectStoreContractTest;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole storage TCK against a real smbd, through the user share. */
class SmbObjectStoreTest extends ObjectStoreContractTest {
  @RegisterExtension static final TestingSmbServer SMB = new TestingSmbServer();

  /** This test's folder of the share; JUnit builds a new instance for every test. */
  private String folderUrl;

  @Override
  protected ObjectStore createStore(StoreContext context) throws Exception {
    if (folderUrl == null) {
      folderUrl = SMB.newFolderUrl(TestingSmbServer.USER_SHARE);
    }
    return new SmbObjectStoreFactory().create(Map.of(
        "url", folderUrl,
        "user", SMB.user(),
        "password", SMB.password(),
        "connect-timeout", "2s",
        "response-timeout", "10s",
        "so-timeout", "20s"), context);
  }
}
