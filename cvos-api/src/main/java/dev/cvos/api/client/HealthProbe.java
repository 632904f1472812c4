package dev.cvos.api.client;

import dev.cvos.api.CvosPaths;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Asks one server {@code /health/live} and {@code /health/ready}. */
final class HealthProbe {
  private HealthProbe() {}

  static ServerHealth ask(Transport transport, URI server) throws InterruptedException {
    boolean live = false;
    try {
      HttpResponse<InputStream> alive = transport.sendTo(server, Transport.Call.of("GET", CvosPaths.HEALTH_LIVE));
      alive.body().close();
      live = alive.statusCode() == 200;
      HttpResponse<InputStream> ready = transport.sendTo(server, Transport.Call.of("GET", CvosPaths.HEALTH_READY));
      try (InputStream body = ready.body()) {
        String detail = new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        return new ServerHealth(server, live, ready.statusCode() == 200, detail);
      }
    } catch (IOException e) {
      return new ServerHealth(server, live, false, e.toString());
    }
  }
}
