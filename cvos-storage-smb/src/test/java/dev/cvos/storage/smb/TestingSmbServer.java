package dev.cvos.storage.smb;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real, private Samba server for tests: {@code smbd} from the machine's packages, listening on a
 * free high port of 127.0.0.1 only, with every file it keeps inside one temporary directory.
 *
 * <p>It serves two shares: {@value #USER_SHARE}, for a user with a password, and {@value
 * #GUEST_SHARE}, open to guests. Register it with {@code @RegisterExtension static final}; it
 * starts before the first test of the class and is killed after the last one. It can also be
 * stopped and started again on the same port, to test how a store rides out a server restart.
 */
public final class TestingSmbServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  /** The share that needs {@link #user()} and {@link #password()}. */
  public static final String USER_SHARE = "data";
  /** The share open to guests. */
  public static final String GUEST_SHARE = "public";
  /** The user share on a small file system of its own, served only by {@link #withSmallShare}. */
  public static final String SMALL_SHARE = "small";

  private static final Path SMBD = Paths.get("/usr/sbin/smbd");
  private static final Path SMBPASSWD = Paths.get("/usr/bin/smbpasswd");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final long smallShareBytes;
  private final String user = System.getProperty("user.name");
  private final String password = "pw-" + UUID.randomUUID();
  private Path directory;
  private Path config;
  private int port;
  private Process smbd;
  private boolean smallShareMounted;

  /** A server with the user share and the guest share. */
  public TestingSmbServer() {
    this(0);
  }

  private TestingSmbServer(long smallShareBytes) {
    this.smallShareBytes = smallShareBytes;
  }

  /**
   * A server that also serves {@value #SMALL_SHARE}: a tmpfs of {@code bytes} mounted for it, so a
   * test can fill a disk for real. Mounting needs root, as CI and the development machines run.
   */
  public static TestingSmbServer withSmallShare(long bytes) {
    return new TestingSmbServer(bytes);
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    close();
  }

  /** Writes the configuration, adds the user and starts smbd; idempotent. */
  public synchronized void start() throws IOException {
    if (smbd != null) {
      return;
    }
    if (directory == null) {
      prepare();
    }
    launch();
  }

  /** Kills smbd and every process it forked, as a crash would: connections drop at once. */
  public synchronized void stop() {
    if (smbd == null) {
      return;
    }
    ChildProcesses.killTree(smbd);
    smbd = null;
  }

  /**
   * Freezes smbd and every process it forked ({@code SIGSTOP}): connections stay open but nothing
   * answers, as with a hung server or a dead network path.
   */
  public synchronized void freeze() throws IOException {
    signalAll("-STOP");
  }

  /** Lets a frozen smbd run again ({@code SIGCONT}). */
  public synchronized void thaw() throws IOException {
    signalAll("-CONT");
  }

  private void signalAll(String signal) throws IOException {
    if (smbd == null) {
      throw new IllegalStateException("smbd is not running");
    }
    List<String> command = new java.util.ArrayList<>(List.of("kill", signal));
    command.add(Long.toString(smbd.pid()));
    smbd.descendants().forEach(child -> command.add(Long.toString(child.pid())));
    ChildProcesses.run(logs(), command.toArray(String[]::new));
  }

  /** Stops smbd and deletes its directory, shares included. */
  @Override
  public synchronized void close() throws IOException {
    stop();
    if (smallShareMounted) {
      ChildProcesses.run(logs(), "umount", shareDirectory(SMALL_SHARE).toString());
      smallShareMounted = false;
    }
    if (directory != null) {
      deleteTree(directory);
      directory = null;
    }
  }

  /** The port smbd listens on (the same across {@link #stop()} and {@link #start()}). */
  public int port() {
    return port;
  }

  /** The user allowed on {@value #USER_SHARE}. */
  public String user() {
    return user;
  }

  /** The password of {@link #user()}. */
  public String password() {
    return password;
  }

  /** The URL of a share, with a trailing slash. */
  public String shareUrl(String share) {
    return "smb://127.0.0.1:" + port + "/" + share + "/";
  }

  /** The local directory that smbd serves as {@code share}. */
  public Path shareDirectory(String share) {
    return directory.resolve("shares").resolve(share);
  }

  /** The URL of a new, empty folder of {@code share}, so each test gets a store of its own. */
  public String newFolderUrl(String share) throws IOException {
    String name = "t-" + UUID.randomUUID();
    Path folder = Files.createDirectory(shareDirectory(share).resolve(name));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxrwxrwx"));
    return shareUrl(share) + name + "/";
  }

  /** The local directory behind a folder URL of {@code share} made by {@link #newFolderUrl}. */
  public Path folderDirectory(String share, String folderUrl) {
    String name = folderUrl.substring(shareUrl(share).length());
    return shareDirectory(share).resolve(name.endsWith("/") ? name.substring(0, name.length() - 1)
        : name);
  }

  /** What {@code smbstatus -b} says of the open sessions: who, from where, which SMB dialect. */
  public String sessions() throws IOException {
    Path output = directory.resolve("log/smbstatus.out");
    Process process = new ProcessBuilder("/usr/bin/smbstatus", "--configfile=" + config, "-b")
        .redirectErrorStream(true)
        .redirectOutput(output.toFile())
        .start();
    if (!ChildProcesses.waitFor(process.toHandle()) || process.exitValue() != 0) {
      throw new IllegalStateException("smbstatus failed: " + Files.readString(output, UTF_8));
    }
    return Files.readString(output, UTF_8);
  }

  private Path logs() {
    return directory.resolve("log");
  }

  /** What smbd logged, for failure messages. */
  public String log() {
    try {
      Path log = directory.resolve("log/smbd.out");
      return Files.exists(log) ? Files.readString(log, UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void prepare() throws IOException {
    if (!Files.isExecutable(SMBD) || !Files.isExecutable(SMBPASSWD)) {
      throw new IllegalStateException(
          "The SMB tests need a real Samba server, and " + SMBD + " or " + SMBPASSWD
              + " is not installed. Install it with: apt-get install -y samba");
    }
    directory = Files.createTempDirectory("cvos-smbd-");
    for (String sub : List.of("run", "lock", "state", "cache", "private", "ncalrpc", "log",
        "binddns", "shares/" + USER_SHARE, "shares/" + GUEST_SHARE)) {
      Files.createDirectories(directory.resolve(sub));
    }
    // smbd serves the guest share as the guest account (nobody), which must reach and write it.
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(directory.resolve("shares"),
        PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(shareDirectory(GUEST_SHARE),
        PosixFilePermissions.fromString("rwxrwxrwx"));
    if (smallShareBytes > 0) {
      Path small = Files.createDirectories(shareDirectory(SMALL_SHARE));
      ChildProcesses.run(logs(), "mount", "-t", "tmpfs", "-o", "size=" + smallShareBytes + ",mode=0777", "cvos-smb-small",
          small.toString());
      smallShareMounted = true;
    }
    port = freePort();
    config = directory.resolve("smb.conf");
    Files.writeString(config, SmbConfFile.render(directory, port, user, smallShareBytes > 0), UTF_8);
    addUser();
  }

  private void addUser() throws IOException {
    Process process = new ProcessBuilder(
            SMBPASSWD.toString(), "-c", config.toString(), "-s", "-a", user)
        .redirectErrorStream(true)
        .redirectOutput(directory.resolve("log/smbpasswd.out").toFile())
        .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write((password + "\n" + password + "\n").getBytes(UTF_8));
    }
    if (!ChildProcesses.waitFor(process.toHandle()) || process.exitValue() != 0) {
      throw new IllegalStateException("smbpasswd could not add user " + user + ": "
          + Files.readString(directory.resolve("log/smbpasswd.out"), UTF_8));
    }
  }



  private void launch() throws IOException {
    smbd = new ProcessBuilder(
            SMBD.toString(), "--foreground", "--no-process-group",
            "--configfile=" + config)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("log/smbd.out").toFile()))
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!smbd.isAlive()) {
        Process dead = smbd;
        smbd = null;
        throw new IllegalStateException(
            "smbd exited with " + dead.exitValue() + " at start:\n" + log());
      }
      if (accepts()) {
        return;
      }
      sleep(Duration.ofMillis(20));
    }
    stop();
    throw new IllegalStateException("smbd did not listen on port " + port + " within "
        + START_TIMEOUT + ":\n" + log());
  }

  private boolean accepts() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }



  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for smbd", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
