package dev.cvos.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cvos.server.openapi.OpenApiDocument.Operation;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks real answers against the description: the operation a request reaches is described, its
 * status is declared for that operation, the declared required headers are there and every
 * declared header that is there validates, the media type is one the response declares and a JSON
 * body validates against its schema. Records which (operation, status) pairs were seen.
 */
final class OpenApiConformance {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OpenApiDocument document;
  private final Set<String> seen = new TreeSet<>();

  OpenApiConformance(OpenApiDocument document) {
    this.document = document;
  }

  /** Checks one exchange; returns its JSON body (or null when it has none). */
  JsonNode check(HttpResponse<byte[]> response) throws IOException {
    String method = response.request().method();
    String rawPath = response.uri().getRawPath();
    int status = response.statusCode();
    String exchange = method + " " + rawPath + " -> " + status;
    Operation operation = document.match(method, rawPath)
        .orElseThrow(() -> new AssertionError("no operation of openapi.yaml for " + method + " " + rawPath));
    assertThat(document.statuses(operation)).as("statuses of %s (%s)", operation, exchange).contains(status);
    seen.add(pair(operation, status));
    JsonNode declared = document.response(operation, status).orElseThrow();
    checkHeaders(exchange, declared, response);
    return checkBody(exchange, method, declared, response);
  }

  private void checkHeaders(String exchange, JsonNode declared, HttpResponse<byte[]> response) {
    document.headers(declared).forEach((name, header) -> {
      var value = response.headers().firstValue(name);
      if (header.path("required").asBoolean(false)) {
        assertThat(value).as("required header %s of %s", name, exchange).isPresent();
      }
      value.ifPresent(v -> {
        JsonNode schema = header.path("schema");
        JsonNode node = schema.path("type").asText().equals("integer") ? integer(exchange, name, v)
            : JsonNodeFactory.instance.textNode(v);
        assertThat(document.validate(schema, node)).as("header %s: %s of %s", name, v, exchange).isEmpty();
      });
    });
  }

  private static JsonNode integer(String exchange, String name, String value) {
    try {
      return JsonNodeFactory.instance.numberNode(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw new AssertionError("header " + name + " of " + exchange + " is not an integer: " + value, e);
    }
  }

  private JsonNode checkBody(String exchange, String method, JsonNode declared, HttpResponse<byte[]> response)
      throws IOException {
    byte[] body = response.body();
    JsonNode content = declared.path("content");
    if (method.equals("HEAD") || content.isMissingNode() || content.isEmpty()) {
      assertThat(body).as("body of %s (none declared)", exchange).isEmpty();
      return null;
    }
    String contentType = response.headers().firstValue("Content-Type")
        .orElseThrow(() -> new AssertionError("no Content-Type on " + exchange));
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    JsonNode media = content.has(mediaType) ? content.get(mediaType) : content.path("*/*");
    assertThat(media.isMissingNode()).as("media type %s of %s, declared: %s", mediaType, exchange, content.properties())
        .isFalse();
    if (!mediaType.equals("application/json")) {
      return null;
    }
    JsonNode json = JSON.readTree(body);
    assertThat(document.validate(media.path("schema"), json)).as("body %s of %s", json, exchange).isEmpty();
    return json;
  }

  /** The (operation, status) pairs the description declares that no checked exchange showed. */
  Set<String> unseen() {
    Set<String> unseen = new TreeSet<>();
    document.operations().keySet()
        .forEach(operation -> document.statuses(operation).forEach(status -> unseen.add(pair(operation, status))));
    unseen.removeAll(seen);
    return unseen;
  }

  /** The operations no checked exchange reached. */
  Set<String> unreached() {
    Set<String> unreached = new TreeSet<>();
    for (Operation operation : document.operations().keySet()) {
      if (seen.stream().noneMatch(p -> p.startsWith(operation + " "))) {
        unreached.add(operation.toString());
      }
    }
    return unreached;
  }

  static String pair(Operation operation, int status) {
    return operation + " " + status;
  }

  /** For tests that state expectations by operation: {@code "GET /v1/cluster 503"}. */
  static Set<String> pairs(Map<String, Set<Integer>> statuses) {
    Set<String> pairs = new TreeSet<>();
    statuses.forEach((operation, codes) -> codes.forEach(code -> pairs.add(operation + " " + code)));
    return pairs;
  }
}
