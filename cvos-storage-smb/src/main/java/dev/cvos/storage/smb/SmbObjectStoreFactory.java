package dev.cvos.storage.smb;

import dev.cvos.storage.spi.BackendUnavailableException;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.ObjectStoreFactory;
import dev.cvos.storage.spi.SpiVersion;
import dev.cvos.storage.spi.StoreContext;
import java.io.IOException;
import java.util.Map;
import jcifs.smb.NtStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code smb} storage provider: objects in a folder of an SMB2/3 share, reached directly with
 * jcifs-ng. The keys it reads are listed in {@link SmbStoreConfig}.
 */
public final class SmbObjectStoreFactory implements ObjectStoreFactory {
  private static final Logger LOG = LoggerFactory.getLogger(SmbObjectStoreFactory.class);

  @Override
  public String name() {
    return "smb";
  }

  @Override
  public int spiMajorVersion() {
    return SpiVersion.MAJOR;
  }

  /**
   * Connects to the share, creates the folder if missing, and removes temporary files a crash
   * left.
   *
   * @throws IllegalArgumentException if the configuration is invalid, or the server refuses the
   *     logon or does not have the share
   * @throws BackendUnavailableException if the server cannot be reached
   */
  @Override
  public ObjectStore create(Map<String, String> config, StoreContext context)
      throws BackendUnavailableException {
    SmbStoreConfig settings = SmbStoreConfig.from(config);
    SmbShare share = new SmbShare(settings.url(), SmbContexts.create(settings),
        SmbContexts.create(settings));
    try {
      share.connect();
      SmbObjectStore store = new SmbObjectStore(share, settings.staleTempAge(), context);
      store.removeLeftoverTemps();
      LOG.info("server {} stores objects in {} ({})", context.serverId(), settings.url(),
          settings);
      return store;
    } catch (IOException e) {
      closeQuietly(share, e);
      RuntimeException refused = configurationFailure(settings, e);
      if (refused != null) {
        throw refused;
      }
      throw new BackendUnavailableException("the SMB share " + settings.url()
          + " cannot be reached at start: " + SmbFailures.describe(e), e);
    } catch (RuntimeException e) {
      closeQuietly(share, e);
      throw e;
    }
  }

  /** The configuration error a refusal at start means, or null for an unreachable server. */
  private static RuntimeException configurationFailure(SmbStoreConfig settings, IOException e) {
    int status = SmbFailures.status(e);
    String who = settings.guest() ? "a guest" : "user '" + settings.user() + "'";
    if (status == NtStatus.NT_STATUS_BAD_NETWORK_NAME) {
      return new IllegalArgumentException("storage.config.url: the server has no share named in "
          + settings.url() + ": check the share name", e);
    }
    if (status == NtStatus.NT_STATUS_LOGON_FAILURE || status == NtStatus.NT_STATUS_WRONG_PASSWORD
        || status == NtStatus.NT_STATUS_ACCOUNT_DISABLED
        || status == NtStatus.NT_STATUS_PASSWORD_EXPIRED) {
      return new IllegalArgumentException("storage.config.user/password/domain: the server at "
          + settings.url() + " refused the logon of " + who + " ("
          + SmbFailures.describe(e) + "): check user, password and domain"
          + (settings.guest() ? ", or turn guest off and give a user" : ""), e);
    }
    if (SmbFailures.isLogonRefused(e)) {
      return new IllegalArgumentException("storage.config.url: " + who + " may not use "
          + settings.url() + " (" + SmbFailures.describe(e)
          + "): grant the user read and write access to the share, or change user", e);
    }
    return null;
  }

  private static void closeQuietly(SmbShare share, Exception failure) {
    try {
      share.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }
}
