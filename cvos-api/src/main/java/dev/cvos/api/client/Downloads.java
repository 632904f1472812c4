package dev.cvos.api.client;

import dev.cvos.api.ObjectInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** Whole-object reads that check the bytes against the object's SHA-256 before handing them over. */
final class Downloads {
  private final CvosClient client;

  Downloads(CvosClient client) {
    this.client = client;
  }

  byte[] bytes(String bucket, String key) throws IOException, InterruptedException {
    try (CvosObject object = client.read(bucket, key, Map.of()).orElseThrow()) {
      DigestInputStream in = new DigestInputStream(object.body(), sha256());
      byte[] bytes = in.readAllBytes();
      check(object.info(), in.getMessageDigest(), bytes.length);
      return bytes;
    }
  }

  ObjectInfo toFile(String bucket, String key, Path target) throws IOException, InterruptedException {
    Path absolute = target.toAbsolutePath();
    Path temporary = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".part");
    try (CvosObject object = client.read(bucket, key, Map.of()).orElseThrow()) {
      DigestInputStream in = new DigestInputStream(object.body(), sha256());
      long copied;
      try (OutputStream out = Files.newOutputStream(temporary)) {
        copied = in.transferTo(out);
      }
      check(object.info(), in.getMessageDigest(), copied);
      Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return object.info();
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void check(ObjectInfo info, MessageDigest digest, long length) throws IOException {
    String actual = HexFormat.of().formatHex(digest.digest());
    if (length != info.size() || !actual.equals(info.sha256())) {
      throw new IOException("the body of " + info.bucket() + "/" + info.key() + " arrived damaged: " + length
          + " bytes hashing to " + actual + ", expected " + info.size() + " bytes hashing to " + info.sha256());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
