package dev.cvos.server.ops;

import static dev.cvos.server.ops.OpsFixture.bytes;
import static dev.cvos.server.ops.OpsFixture.put;
import static dev.cvos.server.ops.OpsFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.server.plugin.StoreProviders;
import dev.cvos.server.storage.StoreLoader;
import dev.cvos.storage.spi.ObjectMetadata;
import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** migrate-to-shared onto an SMB share through the smb store, against a real smbd. */
class MigrationToSmbShareTest {
  @TempDir
  Path temp;

  @Test
  void objectsMigratedToAnSmbShareAreVerifiedAndReadableThroughTheShareAsADirectory()
      throws Exception {
    Path source = Files.createDirectories(temp.resolve("source"));
    List<ObjectMetadata> written = new ArrayList<>();
    try (ObjectStore store = OpsFixture.localStore(source, "cvos-a")) {
      for (int i = 0; i < 12; i++) {
        written.add(put(store, "images", "k" + i, bytes(10_000 + i * 1000, i)));
      }
    }
    try (GuestSmbShare smbd = GuestSmbShare.start()) {
      MigrationTarget target = MigrationTarget.parse(smbd.folderUrl("cvos"), Map.of("guest", "true"));
      CreationClock clock = new CreationClock(Clock.systemUTC());
      StringWriter messages = new StringWriter();
      PrintWriter out = new PrintWriter(messages, true);
      MigrationToShared.Report report;
      try (ObjectStore share = new StoreLoader(StoreProviders.load(temp.resolve("no-plugins"), getClass().getClassLoader()))
              .create(target.provider(), target.config(), StoreContext.of(clock, "cvos-a-migrate"));
          ObjectStore local = OpsFixture.localStore(source, "cvos-a-migrate")) {
        report = new MigrationToShared(share, clock, temp.resolve("journal"),
            new Progress(out, Clock.systemUTC(), Duration.ofSeconds(1)), out)
            .run(List.of(new StoreSource("cvos-a", local, false)));
      }

      assertThat(report.failed()).as(messages.toString()).isZero();
      assertThat(report.copied()).isEqualTo(12);
      assertThat(target.configurationYaml()).contains("provider: smb", "guest: true");
      // the share holds the portable folder format: a server mounting it (NFS, symlink) sees them
      try (ObjectStore mounted = OpsFixture.localStore(smbd.shareDirectory().resolve("cvos"), "cvos-b")) {
        for (ObjectMetadata object : written) {
          assertThat(mounted.stat(object.bucket(), object.key())).contains(object);
        }
        assertThat(read(mounted, "images", "k5")).isEqualTo(bytes(15_000, 5));
      }
    }
  }
}
