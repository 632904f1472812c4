package dev.cvos.server.peer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.domain.cluster.CertificateDirectory;
import dev.cvos.domain.cluster.ServerRecord;
import dev.cvos.domain.cluster.ServerRegistry;
import dev.cvos.domain.cluster.ServerRole;
import dev.cvos.domain.cluster.StorageMode;
import dev.cvos.domain.relay.PeerView;
import dev.cvos.peer.PeerTrust;
import dev.cvos.server.config.ConfigValues;
import dev.cvos.server.config.ServerConfig;
import dev.cvos.server.config.TlsConfig;
import dev.cvos.server.tls.ServerTls;
import dev.cvos.server.tls.TlsMaterial;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PeerDirectory} over a registry held in memory (the real one is PostgreSQL, tested elsewhere). */
class PeerDirectoryTest {
  @TempDir Path base;

  private final List<ServerRecord> servers = new CopyOnWriteArrayList<>();
  private final Map<String, String> pems = new ConcurrentHashMap<>();
  private final AtomicInteger reads = new AtomicInteger();
  private TlsMaterial tls;
  private PeerDirectory directory;

  @BeforeEach
  void start() throws Exception {
    ConfigValues config = ConfigValues.of(Map.of("server.id", "self"), Map.of());
    tls = ServerTls.load(new TlsConfig(config, base), new ServerConfig(config, base), Clock.systemUTC());
    ServerRegistry registry = new ServerRegistry() {
      @Override
      public void register(ServerRecord server) {
        servers.add(server);
      }

      @Override
      public void heartbeat(String serverId, Instant now) {
        // nothing to record
      }

      @Override
      public List<ServerRecord> servers() {
        reads.incrementAndGet();
        return List.copyOf(servers);
      }
    };
    CertificateDirectory certificates = new CertificateDirectory() {
      @Override
      public void publish(String serverId, String certificatePem) {
        pems.put(serverId, certificatePem);
      }

      @Override
      public Map<String, String> certificates() {
        return Map.copyOf(pems);
      }
    };
    directory = new PeerDirectory(new PeerView("self", registry), certificates, Clock.systemUTC(),
        refreshNow -> PeerTrust.of(tls.keyStore(), tls.password(), List.of(), refreshNow));
  }

  private void register(String id, String pem) {
    servers.add(new ServerRecord(id, URI.create("https://" + id + ".example:8443"), ServerRole.REDUNDANT_SECONDARY,
        StorageMode.LOCAL, "test", Instant.now()));
    pems.put(id, pem);
  }

  @Test
  void aRowWithAMalformedCertificateIsSkippedAndTheOthersAreTrusted() throws Exception {
    register("good", tls.certificatePem());
    register("broken", "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");

    directory.refresh();

    assertThat(directory.trust().registeredCount()).isEqualTo(1);
    assertThat(directory.view().servers()).extracting(ServerRecord::id).containsExactly("good", "broken");
  }

  @Test
  void anUnknownServerIdRightAfterAReadIsFoundByTheNextRead() throws Exception {
    directory.refresh();
    register("joined", tls.certificatePem());
    int before = reads.get();

    assertThat(directory.server("joined")).isPresent();
    assertThat(reads.get()).isEqualTo(before + 1);
    assertThat(directory.trust().registeredCount()).isEqualTo(1);
  }

  @Test
  void aBurstOfUnknownIdsReadsTheRegistryAtMostOncePerSecond() throws Exception {
    directory.refresh();
    int before = reads.get();
    long start = System.nanoTime();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      List<Future<Optional<ServerRecord>>> lookups = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        String id = "unknown-" + i;
        lookups.add(callers.submit(() -> directory.server(id)));
      }
      for (Future<Optional<ServerRecord>> lookup : lookups) {
        assertThat(lookup.get(30, TimeUnit.SECONDS)).isEmpty();
      }
    } finally {
      callers.shutdownNow();
    }
    long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + 1);

    assertThat(reads.get() - before).isBetween(1, (int) seconds);
  }
}
