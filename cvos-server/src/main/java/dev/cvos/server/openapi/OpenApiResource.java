package dev.cvos.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.google.inject.Inject;
import dev.cvos.api.OpenApiDescription;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json} and {@code GET /openapi.yaml}: the OpenAPI description of the HTTP
 * API, from cvos-api's resource ({@link OpenApiDescription}), so what is served is what the drift
 * tests check. The YAML is served as written; the JSON is converted from it once, at start (a
 * broken resource stops the start). Open (no API key), answered by every server itself, never
 * forwarded.
 */
@Path("/")
public final class OpenApiResource {
  /** RFC 9512. */
  static final String YAML = "application/yaml";
  static final String JSON = "application/json";

  private final byte[] yaml;
  private final byte[] json;

  @Inject
  public OpenApiResource() {
    try (InputStream in = OpenApiDescription.openYaml()) {
      this.yaml = in.readAllBytes();
      JsonNode document = new YAMLMapper().readTree(yaml);
      this.json = new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI description " + OpenApiDescription.RESOURCE, e);
    }
  }

  @GET
  @Path("openapi.json")
  @Produces(JSON)
  public Response json() {
    return Response.ok(json, JSON).build();
  }

  @GET
  @Path("openapi.yaml")
  @Produces(YAML)
  public Response yaml() {
    return Response.ok(yaml, YAML).build();
  }
}
