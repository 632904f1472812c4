package dev.cvos.storage.smb;

import static dev.cvos.storage.smb.TestingSmbServer.GUEST_SHARE;
import static dev.cvos.storage.smb.TestingSmbServer.SMALL_SHARE;
import static dev.cvos.storage.smb.TestingSmbServer.USER_SHARE;

import java.nio.file.Path;

/**
 * The smb.conf of a {@link TestingSmbServer}: one port of 127.0.0.1, no NetBIOS, SMB2.1 and up,
 * every directory smbd keeps state in under the server's temporary directory, and the shares.
 */
final class SmbConfFile {
  private SmbConfFile() {}

  static String render(Path directory, int port, String user, boolean smallShare) {
    String d = directory.toString();
    Path shares = directory.resolve("shares");
    return String.join("\n",
        "[global]",
        "  server role = standalone server",
        "  workgroup = CVOSTEST",
        "  netbios name = CVOSTEST",
        "  smb ports = " + port,
        "  interfaces = 127.0.0.1",
        "  bind interfaces only = yes",
        "  disable netbios = yes",
        "  server min protocol = SMB2_10",
        "  pid directory = " + d + "/run",
        "  lock directory = " + d + "/lock",
        "  state directory = " + d + "/state",
        "  cache directory = " + d + "/cache",
        "  private dir = " + d + "/private",
        "  ncalrpc dir = " + d + "/ncalrpc",
        "  binddns dir = " + d + "/binddns",
        "  passdb backend = tdbsam:" + d + "/private/passdb.tdb",
        "  log file = " + d + "/log/smbd.log",
        "  log level = 1",
        "  max log size = 0",
        "  map to guest = Bad User",
        "  load printers = no",
        "  printing = bsd",
        "  printcap name = /dev/null",
        "  disable spoolss = yes",
        "  obey pam restrictions = no",
        "  unix password sync = no",
        "  kernel oplocks = no",
        "",
        "[" + USER_SHARE + "]",
        "  path = " + shares.resolve(USER_SHARE),
        "  valid users = " + user,
        "  read only = no",
        "",
        "[" + GUEST_SHARE + "]",
        "  path = " + shares.resolve(GUEST_SHARE),
        "  guest ok = yes",
        "  guest only = yes",
        "  read only = no",
        "  force create mode = 0666",
        "  force directory mode = 0777",
        "",
        "[" + SMALL_SHARE + "]",
        "  path = " + shares.resolve(SMALL_SHARE),
        "  available = " + (smallShare ? "yes" : "no"),
        "  valid users = " + user,
        "  read only = no",
        "");
  }
}
