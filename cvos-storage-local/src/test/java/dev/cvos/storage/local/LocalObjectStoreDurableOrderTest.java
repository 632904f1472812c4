package dev.cvos.storage.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Durable when it returns": an acknowledged put survives the loss of everything the kernel had
 * not yet written to the disk, not only a killed process (whose page cache survives, see {@link
 * LocalObjectStoreCrashTest}). Device-mapper is not available where this suite runs, so a file
 * system that drops unsynced writes cannot be mounted; instead the test records, with {@code
 * strace}, the system calls of a child JVM that puts objects ({@link DurableOrderWriterMain}) and
 * checks, for every acknowledged object, the order POSIX needs for it to survive a power loss:
 *
 * <ol>
 *   <li>its bytes went to a temporary file, and an {@code fsync} of that file followed the last
 *       write to it;
 *   <li>then the file got the object's name ({@code rename} or {@code link}), after that fsync;
 *   <li>then the directory holding the name was fsynced;
 *   <li>every directory the put created was made durable too: its parent was fsynced after the
 *       {@code mkdir};
 *   <li>all before the acknowledgement was written.
 * </ol>
 *
 * <p>An object whose sequence is complete before its acknowledgement is, after a crash of the
 * machine, found whole under its name by any file system that keeps its fsync promise (ext4, xfs,
 * btrfs). What this does not show: that the file system or the disk keep that promise, nor how a
 * crash between two calls is recovered from (that is the kill loop's part). docs/decisions.md
 * says why this check stands in for a simulated power loss. Heavy: it needs {@code strace}, which
 * {@code .ci/run} installs for the heavy suite.
 */
@Tag("heavy")
class LocalObjectStoreDurableOrderTest {
  private static final String SERVER_ID = "durable-writer";
  private static final int OBJECTS = 24;

  /** {@code <pid> <call>(<args>) = <result>}; strace -f -o writes one per line. */
  private static final Pattern CALL = Pattern.compile("^(\\d+) +(\\w+)\\((.*)\\) += (-?\\d+)");
  private static final Pattern UNFINISHED = Pattern.compile("^(\\d+) +(\\w+)\\((.*) <unfinished \\.\\.\\.>$");
  private static final Pattern RESUMED = Pattern.compile("^(\\d+) +<\\.\\.\\. (\\w+) resumed>(.*)\\) += (-?\\d+)");
  /** An fd argument as {@code strace -y} prints it: {@code 7</path>}. */
  private static final Pattern FD_PATH = Pattern.compile("^\\d+<(.*?)>");
  private static final Pattern QUOTED = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern ACK = Pattern.compile("^ACK (\\S+) (\\S+) ([0-9a-f]{64})\\\\n");

  @TempDir Path root;
  @TempDir Path work;

  /** One completed system call, in the order strace saw them end. */
  private record Call(int index, String name, String args, long result) {}

  @Test
  void everyAcknowledgedPutIsSyncedRenamedAndItsDirectorySyncedBeforeTheAcknowledgement() throws Exception {
    List<Call> calls = traceChild();
    Map<String, Integer> acks = new HashMap<>();
    int checked = 0;
    int createdDirectories = 0;
    for (Call call : calls) {
      if (!call.name().equals("write")) {
        continue;
      }
      Matcher quoted = QUOTED.matcher(call.args());
      if (!quoted.find()) {
        continue;
      }
      Matcher ack = ACK.matcher(quoted.group(1));
      if (!ack.find()) {
        continue;
      }
      Path target = root.resolve(ObjectFileLayout.pathOf(ack.group(1), ack.group(2)).relativePath());
      createdDirectories += checkDurableBefore(calls, call.index(), target, ack.group(2));
      checked++;
    }

    assertThat(checked).as("acknowledged puts found in the trace").isEqualTo(OBJECTS);
    assertThat(createdDirectories).as("directories created by the puts, checked too").isPositive();
    try (ObjectStore store = new LocalObjectStoreFactory().create(Map.of("root", root.toString()),
        StoreContext.of(Clock.systemUTC(), SERVER_ID))) {
      assertThat(store.stat(DurableOrderWriterMain.BUCKET, "new/0")).as("the traced run stored objects").isPresent();
    }
  }

  /** Asserts the durable order for one acknowledged object; answers how many created directories it checked. */
  private int checkDurableBefore(List<Call> calls, int ack, Path target, String key) {
    String name = target.toString();
    int named = -1;
    String temporary = null;
    for (Call call : calls.subList(0, ack)) {
      if ((call.name().startsWith("rename") || call.name().startsWith("link")) && call.result() == 0) {
        List<String> paths = quotedStrings(call.args());
        if (!paths.isEmpty() && paths.get(paths.size() - 1).equals(name)) {
          named = call.index();
          temporary = paths.get(0);
        }
      }
    }
    assertThat(named).as("%s: a rename or link to %s before the acknowledgement", key, name).isNotNegative();

    int lastWrite = -1;
    int fileSync = -1;
    for (Call call : calls.subList(0, named)) {
      String fd = fdPath(call.args());
      if (!temporary.equals(fd)) {
        continue;
      }
      if (call.name().startsWith("write") || call.name().startsWith("pwrite")) {
        lastWrite = call.index();
      } else if (isSync(call) && call.index() > lastWrite) {
        fileSync = call.index();
      }
    }
    assertThat(lastWrite).as("%s: its bytes were written to %s", key, temporary).isNotNegative();
    assertThat(fileSync).as("%s: fsync of %s after its last write and before it got its name", key, temporary)
        .isGreaterThan(lastWrite);

    String directory = target.getParent().toString();
    assertThat(calls.subList(named, ack)).as("%s: fsync of %s after the rename, before the acknowledgement", key,
        directory).anyMatch(call -> isSync(call) && directory.equals(fdPath(call.args())));

    int created = 0;
    for (Call call : calls.subList(0, ack)) {
      if (!call.name().startsWith("mkdir") || call.result() != 0) {
        continue;
      }
      String made = quotedStrings(call.args()).get(0);
      if (!name.startsWith(made + "/")) {
        continue;
      }
      String parent = Paths.get(made).getParent().toString();
      assertThat(calls.subList(call.index(), ack)).as("%s: fsync of %s after mkdir %s, before the acknowledgement",
          key, parent, made).anyMatch(sync -> isSync(sync) && parent.equals(fdPath(sync.args())));
      created++;
    }
    return created;
  }

  private static boolean isSync(Call call) {
    return (call.name().equals("fsync") || call.name().equals("fdatasync")) && call.result() == 0;
  }

  private static String fdPath(String args) {
    Matcher m = FD_PATH.matcher(args);
    return m.find() ? m.group(1) : null;
  }

  private static List<String> quotedStrings(String args) {
    List<String> strings = new ArrayList<>();
    Matcher m = QUOTED.matcher(args);
    while (m.find()) {
      strings.add(m.group(1));
    }
    return strings;
  }

  /** Runs the writer under strace and answers its completed calls in order. */
  private List<Call> traceChild() throws Exception {
    Path trace = work.resolve("strace.txt");
    Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder builder = new ProcessBuilder("strace", "-f", "-qq", "-y", "-s", "200", "-o", trace.toString(),
        "-e", "trace=write,pwrite64,writev,pwritev,fsync,fdatasync,rename,renameat,renameat2,link,linkat,mkdir,mkdirat",
        java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        DurableOrderWriterMain.class.getName(), root.toString(), SERVER_ID, Integer.toString(OBJECTS), "20261204");
    builder.redirectOutput(work.resolve("child.out").toFile());
    builder.redirectError(work.resolve("child.err").toFile());
    Process child = builder.start();
    try {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the traced writer ends in time").isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(child.exitValue()).as("the traced writer's exit (stderr: %s)",
        Files.readString(work.resolve("child.err"))).isZero();
    return parse(Files.readAllLines(trace, StandardCharsets.UTF_8));
  }

  /** Joins each "unfinished" call with its "resumed" end, placed where it ended. */
  private static List<Call> parse(List<String> lines) throws IOException {
    List<Call> calls = new ArrayList<>();
    Map<String, String[]> pending = new HashMap<>();
    for (String line : lines) {
      Matcher m;
      if ((m = CALL.matcher(line)).find()) {
        calls.add(new Call(calls.size(), m.group(2), m.group(3), Long.parseLong(m.group(4))));
      } else if ((m = UNFINISHED.matcher(line)).find()) {
        pending.put(m.group(1), new String[] {m.group(2), m.group(3)});
      } else if ((m = RESUMED.matcher(line)).find()) {
        String[] start = pending.remove(m.group(1));
        if (start != null) {
          calls.add(new Call(calls.size(), start[0], start[1] + m.group(3), Long.parseLong(m.group(4))));
        }
      }
    }
    return calls;
  }
}
