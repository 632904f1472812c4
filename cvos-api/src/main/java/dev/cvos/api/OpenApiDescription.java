package dev.cvos.api;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The OpenAPI 3.1 description of the HTTP API, kept as the YAML resource {@value #RESOURCE} of
 * this module: the one source the server serves at {@value #JSON_PATH} and {@value #YAML_PATH},
 * and that the server's tests check its resources against.
 */
public final class OpenApiDescription {
  /** The class path resource holding the description, as YAML. */
  public static final String RESOURCE = "/dev/cvos/api/openapi.yaml";

  /** Where a server serves it as JSON. */
  public static final String JSON_PATH = "/openapi.json";

  /** Where a server serves it as YAML. */
  public static final String YAML_PATH = "/openapi.yaml";

  private OpenApiDescription() {}

  /** Opens the YAML text; the caller closes the stream. */
  public static InputStream openYaml() throws IOException {
    InputStream in = OpenApiDescription.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new FileNotFoundException("class path resource " + RESOURCE + " (cvos-api's jar is incomplete)");
    }
    return in;
  }
}
