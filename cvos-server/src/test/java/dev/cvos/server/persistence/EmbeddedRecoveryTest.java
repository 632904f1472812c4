package dev.cvos.server.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.server.config.ConfigValues;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRecoveryTest {
  @TempDir Path base;

  @Test
  void aServerKilledHardLeavesNoPostgresThatBlocksTheNextStart() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process server = new ProcessBuilder(java.toString(), "-Xmx128m",
        "-cp", System.getProperty("java.class.path"),
        EmbeddedDatabaseProcess.class.getName(), base.toString())
        .redirectErrorStream(true)
        .start();
    long orphan;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      do {
        line = out.readLine();
      } while (line != null && !line.startsWith("ready "));
      assertThat(line).as("the server process started its database").isNotNull();
      orphan = Long.parseLong(
          Files.readAllLines(base.resolve("var/db/postmaster.pid")).get(0).trim());

      server.destroyForcibly();
      assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive))
        .as("pg_ctl detaches the postmaster, so it outlives the killed JVM")
        .contains(true);

    ServerRecord record = new ServerRecord("a", URI.create("https://a:8443"), ServerRole.PRIMARY,
        StorageMode.LOCAL, "0.1.0", Instant.parse("2026-03-01T10:00:00Z"));
    try (Database restarted =
        Database.start(new DatabaseConfig(ConfigValues.of(Map.of(), Map.of()), base))) {
      assertThat(ProcessHandle.of(orphan).filter(ProcessHandle::isAlive))
          .as("the orphaned postmaster was stopped").isEmpty();
      assertThat(restarted.check()).isEmpty();
      new JooqServerRegistry(restarted.dsl()).register(record);
      assertThat(new JooqServerRegistry(restarted.dsl()).servers()).containsExactly(record);
    } finally {
      ProcessHandle.of(orphan).ifPresent(ProcessHandle::destroy);
    }
  }
}
