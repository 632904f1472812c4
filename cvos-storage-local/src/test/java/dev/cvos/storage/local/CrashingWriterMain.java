package dev.cvos.storage.local;

import dev.cvos.storage.spi.ObjectStore;
import dev.cvos.storage.spi.StoreContext;
import dev.cvos.storage.spi.WriteMode;
import dev.cvos.storage.spi.WriteRequest;
import dev.cvos.storage.spi.tck.GeneratedBody;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The child process of {@link LocalObjectStoreCrashTest}: writes objects to a local store until
 * it is killed. Before each put it prints {@code BEGIN <bucket> <key> <sha256>}, and after the put
 * returned {@code ACK <bucket> <key> <sha256>}, flushed, so the parent knows what was acknowledged
 * and what may have been in flight when the kill came.
 *
 * <p>Arguments: root directory, server id, random seed, run number.
 */
public final class CrashingWriterMain {
  static final String BUCKET = "crash";
  static final int POOL = 40;

  private CrashingWriterMain() {}

  public static void main(String[] args) throws Exception {
    String root = args[0];
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[2]));
    String run = args[3];
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    StoreContext context = StoreContext.of(Clock.systemUTC(), args[1]);
    try (ObjectStore store = new LocalObjectStoreFactory().create(Map.of("root", root), context)) {
      out.println("READY");
      out.flush();
      for (int i = 0; ; i++) {
        boolean fresh = random.nextInt(5) == 0;
        String key = fresh ? "new/" + run + "/" + i : "pool/" + random.nextInt(POOL);
        long size = size(random);
        long seed = random.nextLong();
        String sha256 = GeneratedBody.digest(size, seed).sha256();
        WriteRequest request = WriteRequest.of(BUCKET, key)
            .withMode(fresh ? WriteMode.CREATE_ONLY : WriteMode.OVERWRITE)
            .withContentLength(random.nextBoolean() ? size : WriteRequest.UNKNOWN_LENGTH);
        out.println("BEGIN " + BUCKET + " " + key + " " + sha256);
        out.flush();
        try (InputStream body = GeneratedBody.of(size, seed)) {
          store.put(request, body);
        }
        out.println("ACK " + BUCKET + " " + key + " " + sha256);
        out.flush();
      }
    }
  }

  /** 0 B to 4 MiB, most of them small. */
  private static long size(SplittableRandom random) {
    int pick = random.nextInt(100);
    if (pick < 5) {
      return 0;
    }
    if (pick < 45) {
      return random.nextLong(1, 4096);
    }
    if (pick < 80) {
      return random.nextLong(4096, 256 * 1024);
    }
    return random.nextLong(256 * 1024, 4 * 1024 * 1024);
  }
}
