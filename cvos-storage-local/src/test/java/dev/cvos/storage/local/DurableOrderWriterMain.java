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
 * The child process of {@link LocalObjectStoreDurableOrderTest}, run under {@code strace}: puts
 * {@code count} objects into a local store (new keys with CREATE_ONLY, most in directories the put
 * creates, and overwrites of a small pool), one at a time, and after each put returned writes
 * {@code ACK <bucket> <key> <sha256>} to standard output in one {@code write(2)}, the point at
 * which a server would answer 201.
 *
 * <p>Arguments: root directory, server id, count, random seed.
 */
public final class DurableOrderWriterMain {
  static final String BUCKET = "durable";

  private DurableOrderWriterMain() {}

  public static void main(String[] args) throws Exception {
    String root = args[0];
    int count = Integer.parseInt(args[2]);
    SplittableRandom random = new SplittableRandom(Long.parseLong(args[3]));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    StoreContext context = StoreContext.of(Clock.systemUTC(), args[1]);
    try (ObjectStore store = new LocalObjectStoreFactory().create(Map.of("root", root), context)) {
      for (int i = 0; i < count; i++) {
        boolean fresh = i % 3 != 2;
        String key = fresh ? "new/" + i : "pool/" + random.nextInt(3);
        long size = random.nextInt(4) == 0 ? random.nextLong(1, 3L << 20) : random.nextLong(0, 2048);
        long seed = random.nextLong();
        String sha256 = GeneratedBody.digest(size, seed).sha256();
        WriteRequest request = WriteRequest.of(BUCKET, key)
            .withMode(fresh ? WriteMode.CREATE_ONLY : WriteMode.OVERWRITE)
            .withContentLength(random.nextBoolean() ? size : WriteRequest.UNKNOWN_LENGTH);
        try (InputStream body = GeneratedBody.of(size, seed)) {
          store.put(request, body);
        }
        out.print("ACK " + BUCKET + " " + key + " " + sha256 + "\n");
        out.flush();
      }
    }
  }
}
