package com.example.events;

import dev.cvos.api.ObjectInfo;
import dev.cvos.api.WriteOptions;
import dev.cvos.api.Written;
import dev.cvos.api.client.CvosClient;
import dev.cvos.api.client.CvosObject;
import dev.cvos.api.client.ObjectBody;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Keeps event images in a CVOS cluster: stores a file under a key, reads it back, lists a day.
 *
 * <p>Run: {@code java -cp ... com.example.events.EventArchive https://cvos-1:8443 <api key>
 * <server.crt> <image file>} (the API key is one of the cluster's {@code auth.api-keys}; the
 * certificate is a server's {@code var/tls/server.crt}).
 */
public final class EventArchive {
  private final CvosClient client;

  public EventArchive(List<URI> servers, String apiKey, Path certificate)
      throws IOException, GeneralSecurityException {
    this.client = CvosClient.builder()
        .servers(servers)
        .apiKey(apiKey)
        .trustCertificate(certificate)
        .connectTimeout(Duration.ofSeconds(5))
        .requestTimeout(Duration.ofMinutes(2))
        .build();
  }

  /** Stores an image under {@code key} (replacing what was there); returns its SHA-256. */
  public String store(String key, Path image) throws IOException, InterruptedException {
    Written written = client.put("events", key, ObjectBody.ofFile(image),
        WriteOptions.none().withContentType("image/jpeg"));
    return written.info().sha256();
  }

  /** Streams the image under {@code key} to {@code out}; returns its content type. */
  public String read(String key, OutputStream out) throws IOException, InterruptedException {
    try (CvosObject object = client.get("events", key)) {
      object.body().transferTo(out);
      return object.info().contentType();
    }
  }

  /** The keys under {@code prefix}, in byte order, across the cluster. */
  public List<String> list(String prefix) {
    try (Stream<ObjectInfo> objects = client.list("events", prefix)) {
      return objects.map(ObjectInfo::key).toList();
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      throw new IllegalArgumentException("usage: EventArchive <server URL> <api key> <certificate> <image>");
    }
    EventArchive archive = new EventArchive(List.of(URI.create(args[0])), args[1], Path.of(args[2]));
    Path image = Path.of(args[3]);
    String key = "camera-7/" + image.getFileName();
    String sha256 = archive.store(key, image);
    Path copy = Files.createTempFile("event", ".jpg");
    try (OutputStream out = Files.newOutputStream(copy)) {
      archive.read(key, out);
    }
    System.out.println("stored " + key + " (sha256 " + sha256 + "), read back " + Files.size(copy)
        + " bytes; under camera-7/: " + archive.list("camera-7/"));
  }
}
