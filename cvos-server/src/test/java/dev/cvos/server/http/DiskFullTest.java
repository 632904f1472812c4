package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.cvos.api.CvosApiException;
import dev.cvos.server.testing.WireClient;
import dev.cvos.api.ErrorCode;
import dev.cvos.api.ObjectInfo;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.testing.PatternStream;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the store's root is an 8 MiB tmpfs mounted for the test. Filling it
 * through the API ends in 507 with nothing left behind, the objects stored before stay whole, and
 * space freed by a DELETE is usable again. Mounting needs root; CI runs as root.
 */
class DiskFullTest {
  private static final long OBJECT = 3L << 20;

  @TempDir
  Path base;

  private Path mount;

  @BeforeEach
  void mountTmpfs() throws Exception {
    if (!"root".equals(System.getProperty("user.name"))) {
      fail("DiskFullTest mounts a size-limited tmpfs and must run as root (CI runs as root); user is "
          + System.getProperty("user.name"));
    }
    mount = Files.createDirectory(base.resolve("tmpfs"));
    run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      run("umount", mount.toString());
    }
  }

  @Test
  void fillingTheDiskGives507AndLeavesNothingBehind() throws Exception {
    try (TestingCvosServer server = TestingCvosServer.start(Map.of("storage.config.root", mount.toString()))) {
      WireClient client = server.client();
      List<String> stored = new ArrayList<>();
      CvosApiException full = null;
      for (int i = 0; i < 10 && full == null; i++) {
        long seed = i;
        try {
          ObjectInfo info = client.put("full", "o" + i, BodyPublishers.fromPublisher(
              BodyPublishers.ofInputStream(() -> new PatternStream(OBJECT, seed)), OBJECT), WriteOptions.none()).info();
          stored.add(info.key());
        } catch (CvosApiException e) {
          full = e;
        }
      }
      assertThat(full).as("the 8 MiB disk filled up").isNotNull();
      assertThat(full.status()).isEqualTo(507);
      assertThat(full.code()).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
      assertThat(stored).hasSizeBetween(1, 2);
      assertThat(temporaryFiles()).isEmpty();
      assertThat(client.head("full", "o" + stored.size()).statusCode()).isEqualTo(404);

      for (int i = 0; i < stored.size(); i++) {
        try (InputStream body = client.get("full", stored.get(i), Map.of()).body()) {
          assertThat(PatternStream.sha256(body)).isEqualTo(PatternStream.sha256(OBJECT, i));
        }
      }

      assertThat(client.delete("full", stored.get(0))).isTrue();
      assertThat(client.put("full", "after-delete", BodyPublishers.fromPublisher(
          BodyPublishers.ofInputStream(() -> new PatternStream(OBJECT, 99)), OBJECT), WriteOptions.none()).status())
          .isEqualTo(201);
    }
  }

  private List<Path> temporaryFiles() throws IOException {
    try (Stream<Path> files = Files.walk(mount)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> ObjectFileLayout.isTemporaryFileName(p.getFileName().toString())).toList();
    }
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
