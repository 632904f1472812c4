package dev.cvos.server.process;

import dev.cvos.server.testing.WireClient;
import dev.cvos.server.persistence.TestingDatabase;
import dev.cvos.server.testing.TestingCvosServer;
import dev.cvos.storage.spi.format.ObjectFileLayout;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** A configuration file for a server process, pointing at a test database and a base directory. */
final class ProcessFixture {
  private ProcessFixture() {}

  /** Writes {@code <base>/cvos.yaml}: a test server on a free port of 127.0.0.1, plus {@code extra}. */
  static Path config(Path base, String serverId, TestingDatabase database, Map<String, String> extra) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("server.id", serverId);
    values.put("server.data-dir", base.resolve("data").toString());
    values.put("http.host", "127.0.0.1");
    values.put("http.https-port", "0");
    values.put("auth.api-keys", TestingCvosServer.API_KEY);
    values.putAll(database.configValues());
    values.putAll(extra);
    StringBuilder yaml = new StringBuilder("# written by a test\n");
    values.forEach((k, v) -> yaml.append(k).append(": \"").append(v.replace("\"", "\\\"")).append("\"\n"));
    Path file = base.resolve("cvos.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  static WireClient client(Path base, URI uri) throws IOException, GeneralSecurityException {
    return WireClient.builder(uri).trustCertificate(base.resolve("data/tls/server.crt"))
        .apiKey(TestingCvosServer.API_KEY).build();
  }

  static Path storageRoot(Path base) {
    return base.resolve("data/objects");
  }

  /** Temporary files the store left under its root. */
  static List<Path> temporaryFiles(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> ObjectFileLayout.isTemporaryFileName(p.getFileName().toString())).toList();
    }
  }
}
