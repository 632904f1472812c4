package dev.cvos.server.ops;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The progress journal of {@code migrate-to-shared}: one line per object verified on the target
 * ({@code bucket key sha256}, URL-encoded, tab-separated), forced to disk as it is written. A
 * rerun after an interruption skips what the journal lists without even asking the target; a torn
 * last line (a crash while writing it) is ignored, and its object is checked again.
 */
final class MigrationJournal implements AutoCloseable {
  private final Set<String> done = new HashSet<>();
  private final FileChannel channel;

  MigrationJournal(Path file) throws IOException {
    if (file.toAbsolutePath().getParent() != null) {
      Files.createDirectories(file.toAbsolutePath().getParent());
    }
    if (Files.exists(file)) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (String line : lines) {
        if (line.split("\t", -1).length == 3) {
          done.add(line);
        }
      }
    }
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  int size() {
    return done.size();
  }

  boolean isDone(String bucket, String key, String sha256) {
    return done.contains(line(bucket, key, sha256));
  }

  void markDone(String bucket, String key, String sha256) throws IOException {
    String line = line(bucket, key, sha256);
    if (done.add(line)) {
      ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    }
  }

  private static String line(String bucket, String key, String sha256) {
    return encode(bucket) + "\t" + encode(key) + "\t" + sha256;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
