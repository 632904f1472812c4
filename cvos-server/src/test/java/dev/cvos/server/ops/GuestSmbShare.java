package dev.cvos.server.ops;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private, real Samba server for a migration test: one guest share on 127.0.0.1 and a free port,
 * every state directory under a temporary directory, smbd a child process (docs/architecture.md, "Versions and traps").
 */
final class GuestSmbShare implements AutoCloseable {
  private static final Path SMBD = Path.of("/usr/sbin/smbd");

  private final Path directory;
  private final int port;
  private final Process smbd;

  private GuestSmbShare(Path directory, int port, Process smbd) {
    this.directory = directory;
    this.port = port;
    this.smbd = smbd;
  }

  /**
   * Starts smbd over a new temporary directory (outside JUnit's private temporary directories:
   * smbd serves a guest share as "nobody", who must be able to reach it).
   */
  static GuestSmbShare start() throws IOException, InterruptedException {
    if (!Files.isExecutable(SMBD)) {
      throw new IllegalStateException("this test needs a real Samba server: apt-get install -y samba");
    }
    Path directory = Files.createTempDirectory("cvos-ops-smbd-");
    for (String sub : List.of("run", "lock", "state", "cache", "private", "ncalrpc", "log", "binddns",
        "share")) {
      Files.createDirectories(directory.resolve(sub));
    }
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(directory.resolve("share"), PosixFilePermissions.fromString("rwxrwxrwx"));
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String d = directory.toString();
    Path config = directory.resolve("smb.conf");
    Files.writeString(config, String.join("\n",
        "[global]", "  server role = standalone server", "  workgroup = CVOSTEST",
        "  netbios name = CVOSOPS", "  smb ports = " + port, "  interfaces = 127.0.0.1",
        "  bind interfaces only = yes", "  disable netbios = yes", "  server min protocol = SMB2_10",
        "  pid directory = " + d + "/run", "  lock directory = " + d + "/lock",
        "  state directory = " + d + "/state", "  cache directory = " + d + "/cache",
        "  private dir = " + d + "/private", "  ncalrpc dir = " + d + "/ncalrpc",
        "  binddns dir = " + d + "/binddns", "  passdb backend = tdbsam:" + d + "/private/passdb.tdb",
        "  log file = " + d + "/log/smbd.log", "  map to guest = Bad User", "  load printers = no",
        "  printing = bsd", "  printcap name = /dev/null", "  disable spoolss = yes",
        "  kernel oplocks = no", "",
        "[public]", "  path = " + directory.resolve("share"), "  guest ok = yes", "  guest only = yes",
        "  read only = no", "  force create mode = 0666", "  force directory mode = 0777", ""), UTF_8);
    Process smbd = new ProcessBuilder(SMBD.toString(), "--foreground", "--no-process-group",
        "--configfile=" + config)
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("log/smbd.out").toFile())
        .start();
    GuestSmbShare share = new GuestSmbShare(directory, port, smbd);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!smbd.isAlive()) {
        throw new IllegalStateException("smbd exited at start: "
            + Files.readString(directory.resolve("log/smbd.out"), UTF_8));
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return share;
      } catch (IOException e) {
        Thread.sleep(20);
      }
    }
    share.close();
    throw new IllegalStateException("smbd did not listen on port " + port);
  }

  /** The URL of {@code folder} in the guest share (the folder is created). */
  String folderUrl(String folder) throws IOException {
    Path path = Files.createDirectories(shareDirectory().resolve(folder));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxrwxrwx"));
    return "smb://127.0.0.1:" + port + "/public/" + folder + "/";
  }

  /** The share's directory on this machine's disk. */
  Path shareDirectory() {
    return directory.resolve("share");
  }

  /**
   * Kills smbd and the processes it forked (SIGKILL: on SIGTERM smbd signals its whole process
   * group, which it shares with the test JVM), then removes its directory.
   */
  @Override
  public void close() throws IOException, InterruptedException {
    List<ProcessHandle> children = smbd.descendants().toList();
    smbd.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
    smbd.waitFor(10, TimeUnit.SECONDS);
    for (ProcessHandle child : children) {
      child.onExit().completeOnTimeout(child, 10, TimeUnit.SECONDS).join();
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
