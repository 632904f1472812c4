package dev.cvos.server.ops;

import static dev.cvos.server.ops.OpsFixture.bytes;
import static dev.cvos.server.ops.OpsFixture.put;
import static dev.cvos.server.ops.OpsFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.server.persistence.DatabaseBackup;
import dev.cvos.server.persistence.PersistenceModule;
import dev.cvos.storage.spi.ObjectStore;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full backup restored on a new primary (another store, another database). */
class FullRestoreTest {
  private static final String BUCKET = "images";

  @TempDir
  Path temp;

  @Test
  void aFullBackupRestoredOnANewPrimaryBringsBackRegistryRowsAndKeepsItsConfigurationAsideOwnerOnly()
      throws Exception {
    try (OpsFixture primary = OpsFixture.create(Files.createDirectories(temp.resolve("primary")),
        "cvos-a", "primary", "local")) {
      restoreOnANewPrimary(primary);
    }
  }

  @Test
  void objectsOnlyLeavesConfigurationAndDatabaseOfAFullBackupAlone() throws Exception {
    try (OpsFixture primary = OpsFixture.create(Files.createDirectories(temp.resolve("primary")),
            "cvos-a", "primary", "local");
        OpsFixture fresh = OpsFixture.create(Files.createDirectories(temp.resolve("new")), "cvos-n",
            "primary", "local")) {
      put(primary.store, BUCKET, "k", bytes(100, 1));
      Path file = temp.resolve("b.tar.gz");
      try (DatabaseBackup database = primary.setup.openDatabase();
          ObjectStore store = primary.setup.openStore(Clock.systemUTC())) {
        new Backup(primary.setup, store, database, Clock.systemUTC(), primary.progress(),
            primary.messageWriter()).run(BackupKind.FULL, file);
      }
      CreationClock clock = new CreationClock(Clock.systemUTC());
      RestoreReport report;
      try (DatabaseBackup database = fresh.setup.openDatabase();
          ObjectStore store = fresh.setup.openStore(clock)) {
        report = new Restore(fresh.setup, store, database, clock, fresh.progress(),
            fresh.messageWriter()).run(BackupArchive.open(file), true);
      }

      assertThat(report.restored()).isEqualTo(1);
      assertThat(report.configFile()).isNull();
      assertThat(report.registryRows()).isZero();
      try (var files = Files.list(fresh.base)) {
        assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("restored"));
      }
    }
  }

  private void restoreOnANewPrimary(OpsFixture primary) throws Exception {
    Guice.createInjector(new PersistenceModule(primary.database))
        .getInstance(ServerRegistry.class)
        .register(new ServerRecord("cvos-b", URI.create("https://b:8443"),
            ServerRole.REDUNDANT_SECONDARY, StorageMode.LOCAL,
            "0.1.0", Instant.now()));
    put(primary.store, BUCKET, "k", bytes(100, 1));
    Path file = temp.resolve("b.tar.gz");
    try (DatabaseBackup database = primary.setup.openDatabase();
        ObjectStore store = primary.setup.openStore(Clock.systemUTC())) {
      new Backup(primary.setup, store, database, Clock.systemUTC(), primary.progress(),
          primary.messageWriter()).run(BackupKind.FULL, file);
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .as("a full backup holds keys and passwords").isEqualTo("rw-------");

    try (OpsFixture fresh = OpsFixture.create(Files.createDirectories(temp.resolve("new")), "cvos-n",
        "primary", "local")) {
      CreationClock clock = new CreationClock(Clock.systemUTC());
      RestoreReport report;
      try (DatabaseBackup database = fresh.setup.openDatabase();
          ObjectStore store = fresh.setup.openStore(clock)) {
        report = new Restore(fresh.setup, store, database, clock, fresh.progress(),
            fresh.messageWriter()).run(BackupArchive.open(file), false);
      }

      assertThat(report.restored()).isEqualTo(1);
      assertThat(report.registryRows()).isEqualTo(1);
      assertThat(report.configFile()).isNotNull();
      assertThat(report.configFile().getFileName().toString()).startsWith("cvos.yaml.restored-");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report.configFile())))
          .as("a restored configuration holds keys and passwords").isEqualTo("rw-------");
      assertThat(Files.readString(report.configFile())).contains("the configuration of cvos-a");
      assertThat(Files.readString(fresh.setup.configFile())).contains("the configuration of cvos-n");
      assertThat(Guice.createInjector(
              new PersistenceModule(fresh.database))
          .getInstance(ServerRegistry.class).servers())
          .extracting(ServerRecord::id).contains("cvos-b");
      assertThat(read(fresh.store, BUCKET, "k")).isEqualTo(bytes(100, 1));
    }
  }
}
