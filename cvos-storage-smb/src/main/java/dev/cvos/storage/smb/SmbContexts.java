package dev.cvos.storage.smb;

import java.util.Properties;
import jcifs.CIFSContext;
import jcifs.CIFSException;
import jcifs.config.PropertyConfiguration;
import jcifs.context.BaseContext;
import jcifs.smb.NtlmPasswordAuthenticator;

/**
 * Builds the private jcifs context of one store: its own configuration, transports and
 * credentials, never jcifs' global singleton.
 */
final class SmbContexts {
  private SmbContexts() {}

  /** A context that logs on as the configuration says. */
  static CIFSContext create(SmbStoreConfig config) {
    Properties properties = new Properties();
    properties.setProperty("jcifs.smb.client.minVersion", config.minVersion().name());
    properties.setProperty("jcifs.smb.client.maxVersion", config.maxVersion().name());
    // SMB2 negotiation from the first packet: the store never speaks SMB1.
    properties.setProperty("jcifs.smb.client.useSMB2Negotiation", "true");
    properties.setProperty("jcifs.smb.client.disableSMB1", "true");
    properties.setProperty("jcifs.smb.client.connTimeout", millis(config.connectTimeout()));
    properties.setProperty("jcifs.smb.client.responseTimeout", millis(config.responseTimeout()));
    properties.setProperty("jcifs.smb.client.sessionTimeout", millis(config.responseTimeout()));
    properties.setProperty("jcifs.smb.client.soTimeout", millis(config.socketTimeout()));
    // Names resolve through DNS only: no NetBIOS broadcasts, no WINS, no DFS referrals.
    properties.setProperty("jcifs.resolveOrder", "DNS");
    properties.setProperty("jcifs.smb.client.dfs.disabled", "true");
    // Every operation builds fresh SmbFile objects, so cached attributes live only as long as
    // one operation: long enough for a listing's sizes and times to be used without re-asking.
    properties.setProperty("jcifs.smb.client.attrExpirationPeriod", "2000");
    properties.setProperty("jcifs.smb.client.allowGuestFallback", "false");
    BaseContext base;
    try {
      base = new BaseContext(new PropertyConfiguration(properties));
    } catch (CIFSException e) {
      throw new IllegalArgumentException("invalid smb client settings: " + e.getMessage(), e);
    }
    if (config.guest()) {
      return base.withGuestCrendentials();
    }
    return base.withCredentials(
        new NtlmPasswordAuthenticator(config.domain(), config.user(), config.password()));
  }

  private static String millis(java.time.Duration duration) {
    return Long.toString(duration.toMillis());
  }
}
