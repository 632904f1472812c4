package dev.cvos.storage.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cvos.storage.spi.ByteRange;
import dev.cvos.storage.spi.InsufficientStorageException;
import dev.cvos.storage.spi.ListRequest;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.format.CorruptObjectFileException;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import dev.cvos.storage.spi.tck.GeneratedBody;
import dev.cvos.storage.spi.tck.MutableClock;
import dev.cvos.storage.spi.tck.StreamDigest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files, foreign files and a full disk, on a real file system. */
class LocalObjectStoreFailureTest {
  @TempDir Path root;

  private ObjectStore open(Path directory) throws Exception {
    return new LocalObjectStoreFactory().create(Map.of("root", directory.toString()),
        StoreContext.of(new MutableClock(Instant.parse("2026-01-01T00:00:00Z")), "failing"));
  }

  private Path fileOf(String bucket, String key) throws IOException {
    return root.resolve(ObjectFileLayout.pathOf(bucket, key).relativePath());
  }

  @Test
  void aTruncatedObjectFileIsRefusedAndLeftOutOfListings() throws Exception {
    try (ObjectStore store = open(root)) {
      store.put(WriteRequest.of("b", "cut"), GeneratedBody.of(10_000, 1));
      store.put(WriteRequest.of("b", "whole"), GeneratedBody.of(10, 2));
      try (FileChannel file = FileChannel.open(fileOf("b", "cut"), StandardOpenOption.WRITE)) {
        file.truncate(file.size() - 1);
      }
      assertThatThrownBy(() -> store.get("b", "cut", ByteRange.ALL).close())
          .isInstanceOf(CorruptObjectFileException.class).hasMessageContaining("promises");
      assertThat(store.list("b", ListRequest.firstPage(10)).items()).extracting(m -> m.key()).containsExactly("whole");
      assertThat(store.delete("b", "cut")).isTrue();
      assertThat(fileOf("b", "cut")).doesNotExist();
    }
  }

  @Test
  void foreignAndMisplacedFilesAreNotServedAsObjects() throws Exception {
    try (ObjectStore store = open(root)) {
      store.put(WriteRequest.of("b", "real"), GeneratedBody.of(100, 3));
      Path foreign = fileOf("b", "foreign");
      Files.createDirectories(foreign.getParent());
      Files.writeString(foreign, "#!/bin/sh\necho not an object\n");
      Path misplaced = fileOf("b", "misplaced");
      Files.createDirectories(misplaced.getParent());
      Files.copy(fileOf("b", "real"), misplaced, StandardCopyOption.COPY_ATTRIBUTES);

      assertThatThrownBy(() -> store.get("b", "foreign", ByteRange.ALL).close())
          .isInstanceOf(CorruptObjectFileException.class).hasMessageContaining("magic");
      assertThatThrownBy(() -> store.get("b", "misplaced", ByteRange.ALL).close())
          .isInstanceOf(CorruptObjectFileException.class).hasMessageContaining("holds b/real");
      assertThat(store.list("b", ListRequest.firstPage(10)).items()).extracting(m -> m.key()).containsExactly("real");
    }
  }

  @Test
  void aCopiedStorageFolderIsAWorkingStore(@TempDir Path copy) throws Exception {
    try (ObjectStore store = open(root)) {
      store.put(WriteRequest.of("photos", "a/b.jpg").withContentType("image/jpeg"), GeneratedBody.of(5000, 4));
    }
    Process cp = new ProcessBuilder("cp", "-a", root + "/.", copy.toString()).inheritIO().start();
    assertThat(cp.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(cp.exitValue()).isZero();
    try (ObjectStore copied = open(copy); var object = copied.get("photos", "a/b.jpg", ByteRange.ALL)) {
      assertThat(object.metadata().contentType()).isEqualTo("image/jpeg");
      assertThat(StreamDigest.of(object.body())).isEqualTo(GeneratedBody.digest(5000, 4));
    }
  }

  @Test
  void failedWritesLeaveNoTemporaryFileBehind() throws Exception {
    try (ObjectStore store = open(root)) {
      store.put(WriteRequest.of("b", "k"), GeneratedBody.of(10, 1));
      WriteRequest wrongDigest = WriteRequest.of("b", "k").withExpectedSha256("00".repeat(32));
      assertThatThrownBy(() -> store.put(wrongDigest, GeneratedBody.of(100_000, 2)))
          .isInstanceOf(dev.cvos.storage.spi.ChecksumMismatchException.class);
      assertThatThrownBy(() -> store.put(WriteRequest.of("b", "k").withContentLength(5), GeneratedBody.of(100_000, 3)))
          .isInstanceOf(dev.cvos.storage.spi.ContentLengthMismatchException.class);
      assertThatThrownBy(() -> store.put(WriteRequest.of("b", "new"), GeneratedBody.failingAt(1_000_000, 4, 200_000)))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(() -> store.put(
              WriteRequest.of("b", "k").withMode(dev.cvos.storage.spi.WriteMode.CREATE_ONLY), GeneratedBody.of(10, 5)))
          .isInstanceOf(dev.cvos.storage.spi.ObjectAlreadyExistsException.class);
      try (Stream<Path> files = Files.walk(root)) {
        assertThat(files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()))
            .containsExactly(ObjectFileLayout.pathOf("b", "k").relativePath());
      }
    }
  }

  @Test
  void aVanishedRootMakesTheStoreUnhealthyAndWritesFail() throws Exception {
    Path doomed = Files.createDirectory(root.resolve("mount"));
    try (ObjectStore store = open(doomed)) {
      assertThat(store.health().healthy()).isTrue();
      Files.delete(doomed);
      assertThat(store.health().healthy()).isFalse();
      assertThat(store.health().detail()).contains(doomed.toString());
      assertThat(store.stat("b", "k")).isEmpty();
    }
  }

  @Test
  void theKernelsNoSpaceErrorBecomesInsufficientStorage() throws IOException {
    Path full = Path.of("/dev/full");
    assertThat(Files.isWritable(full)).as("/dev/full (a Linux device) is writable").isTrue();
    IOException kernelError;
    try (FileChannel device = FileChannel.open(full, StandardOpenOption.WRITE)) {
      device.write(ByteBuffer.allocate(4096));
      device.force(true);
      throw new AssertionError("/dev/full accepted a write");
    } catch (IOException e) {
      kernelError = e;
    }
    assertThat(ObjectFiles.translateWriteFailure(kernelError, "b/k")).isInstanceOf(InsufficientStorageException.class);
    assertThat(ObjectFiles.translateWriteFailure(new IOException("Input/output error"), "b/k"))
        .isNotInstanceOf(InsufficientStorageException.class);
  }

  /** A 2 MiB tmpfs as the store's root: the write that does not fit fails cleanly. */
  @Test
  void aFullDiskFailsTheWriteWithInsufficientStorageAndLeavesNoTemporaryFile(@TempDir Path mountPoint)
      throws Exception {
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "cvos-test", mountPoint.toString())
        .redirectErrorStream(true).start();
    boolean mounted = mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0;
    assertThat(mounted)
        .as("mounting a 2 MiB tmpfs needs root (or CAP_SYS_ADMIN): run the tests as root, as CI does")
        .isTrue();
    try (ObjectStore store = open(mountPoint)) {
      store.put(WriteRequest.of("b", "fits"), GeneratedBody.of(1024 * 1024, 5));
      assertThatThrownBy(() -> store.put(WriteRequest.of("b", "too-big"), GeneratedBody.of(3 * 1024 * 1024, 6)))
          .isInstanceOf(InsufficientStorageException.class);
      assertThatThrownBy(() -> store.put(WriteRequest.of("b", "fits"), GeneratedBody.of(3 * 1024 * 1024, 7)))
          .isInstanceOf(InsufficientStorageException.class);
      try (Stream<Path> files = Files.walk(mountPoint)) {
        assertThat(files.filter(f -> ObjectFileLayout.isTemporaryFileName(f.getFileName().toString()))).isEmpty();
      }
      assertThat(store.stat("b", "too-big")).isEmpty();
      try (var object = store.get("b", "fits", ByteRange.ALL)) {
        assertThat(StreamDigest.of(object.body())).isEqualTo(GeneratedBody.digest(1024 * 1024, 5));
      }
      assertThat(store.delete("b", "fits")).isTrue();
      store.put(WriteRequest.of("b", "after"), GeneratedBody.of(1024 * 1024, 8));
    } finally {
      Process unmount = new ProcessBuilder("umount", mountPoint.toString()).redirectErrorStream(true).start();
      assertThat(unmount.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(unmount.exitValue()).isZero();
    }
  }
}
