package dev.cvos.server.http;

import dev.cvos.api.CvosHeaders;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/** Puts {@code X-Cvos-Server} on every response, whatever answers it. */
final class ServerIdCustomizer implements HttpConfiguration.Customizer {
  private final String serverId;

  ServerIdCustomizer(String serverId) {
    this.serverId = serverId;
  }

  @Override
  public Request customize(Request request, HttpFields.Mutable responseHeaders) {
    responseHeaders.put(CvosHeaders.SERVER, serverId);
    return request;
  }
}
