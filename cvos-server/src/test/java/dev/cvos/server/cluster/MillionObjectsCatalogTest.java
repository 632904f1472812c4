package dev.cvos.server.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cvos.api.ObjectList;
import dev.cvos.api.WriteOptions;
import dev.cvos.server.persistence.TestingDatabase;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One server with 1,000,000 objects of 1 KiB (issue 13's numbers): a listing page of 1000 keys p50
 * ≤ 50 ms and a prefix listing ≤ 50 ms (both read the object catalog's index, not the files), idle
 * CPU ≤ 1 % of a core, and a restart to ready ≤ 60 s. Filling takes many minutes: {@code heavy}.
 */
@Tag("heavy")
class MillionObjectsCatalogTest {
  private static final int OBJECTS = 1_000_000;
  private static final String BUCKET = "million";

  @Test
  void listingIdleAndRestartStayWithinBoundsWithAMillionObjects(@TempDir Path temp) throws Exception {
    TestingDatabase database = TestingDatabase.create();
    try (ClusterNode node = new ClusterNode("million", "primary", temp.resolve("m"), database, Map.of())) {
      node.start();
      node.awaitStarted();
      fill(node);

      List<Long> pages = new ArrayList<>();
      String after = null;
      for (int i = 0; i < 50; i++) {
        long started = System.nanoTime();
        ObjectList page = node.client().list(BUCKET, null, after, 1000);
        pages.add(System.nanoTime() - started);
        assertThat(page.items()).hasSize(1000);
        after = page.next();
      }
      assertThat(median(pages)).as("listing page p50, ns").isLessThanOrEqualTo(Duration.ofMillis(50).toNanos());

      List<Long> prefixes = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long started = System.nanoTime();
        ObjectList page = node.client().list(BUCKET, String.format("k/%03d/0", i * 7), null, 10);
        prefixes.add(System.nanoTime() - started);
        assertThat(page.items()).hasSize(10);
      }
      assertThat(median(prefixes)).as("prefix listing p50, ns").isLessThanOrEqualTo(Duration.ofMillis(50).toNanos());

      Thread.sleep(Duration.ofSeconds(30).toMillis()); // let the start-up work settle
      long cpuBefore = cpuTicks(node.process().pid());
      long wallBefore = System.nanoTime();
      Thread.sleep(Duration.ofSeconds(60).toMillis());
      double cores = (cpuTicks(node.process().pid()) - cpuBefore) / 100.0
          / ((System.nanoTime() - wallBefore) / 1e9);
      assertThat(cores).as("idle CPU, cores").isLessThanOrEqualTo(0.01);

      node.close();
      long restart = System.nanoTime();
      node.start();
      node.awaitStarted();
      assertThat(Duration.ofNanos(System.nanoTime() - restart)).as("restart to ready")
          .isLessThanOrEqualTo(Duration.ofSeconds(60));
    }
  }

  private static void fill(ClusterNode node) throws Exception {
    byte[] body = new byte[1024];
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicLong next = new AtomicLong();
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int w = 0; w < 16; w++) {
        workers.add(pool.submit(() -> {
          for (long i = next.getAndIncrement(); i < OBJECTS; i = next.getAndIncrement()) {
            String key = String.format("k/%03d/%07d", i % 1000, i);
            node.client().put(BUCKET, key, BodyPublishers.ofByteArray(body), WriteOptions.none());
          }
          return null;
        }));
      }
      for (Future<?> worker : workers) {
        worker.get(4, TimeUnit.HOURS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  /** utime + stime of a process, in clock ticks (100 per second on Linux). */
  private static long cpuTicks(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
