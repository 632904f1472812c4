package dev.cvos.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cvos.server.openapi.OpenApiDocument.Operation;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The drift tests' reading of the description refuses what it must: they cannot pass vacuously. */
class OpenApiDocumentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "a".repeat(64);

  private final OpenApiDocument document;

  OpenApiDocumentTest() throws IOException {
    this.document = OpenApiDocument.load();
  }

  private static JsonNode ref(String schema) {
    return JsonNodeFactory.instance.objectNode().put("$ref", "#/components/schemas/" + schema);
  }

  private static ObjectNode objectInfo() throws IOException {
    return (ObjectNode) JSON.readTree("{\"bucket\":\"b\",\"key\":\"k/1\",\"size\":3,\"sha256\":\"" + SHA
        + "\",\"contentType\":\"text/plain\",\"created\":\"2026-11-26T10:00:00.123456Z\",\"expires\":null}");
  }

  @Test
  void anObjectInfoAsTheServerWritesItValidates() throws IOException {
    assertThat(document.validate(ref("ObjectInfo"), objectInfo())).isEmpty();
  }

  @Test
  void anUndocumentedFieldAMissingFieldOrABadValueFails() throws IOException {
    assertThat(document.validate(ref("ObjectInfo"), objectInfo().put("owner", "x"))).isNotEmpty();
    ObjectNode missing = objectInfo();
    missing.remove("expires");
    assertThat(document.validate(ref("ObjectInfo"), missing)).isNotEmpty();
    assertThat(document.validate(ref("ObjectInfo"), objectInfo().put("sha256", "ABC"))).isNotEmpty();
    assertThat(document.validate(ref("ObjectInfo"), objectInfo().put("created", "yesterday"))).isNotEmpty();
    ObjectNode list = JSON.createObjectNode();
    list.putArray("items").add(objectInfo().put("size", -1));
    list.putNull("next");
    assertThat(document.validate(ref("ObjectList"), list)).isNotEmpty();
  }

  @Test
  void anErrorBodyMustCarryACodeOfItsStatus() throws IOException {
    Operation get = new Operation("/v1/objects/{bucket}/{key}", "GET");
    JsonNode notFound = document.response(get, 404).orElseThrow().at("/content/application~1json/schema");
    assertThat(document.validate(notFound, JSON.readTree("{\"error\":\"not_found\",\"message\":\"m\"}"))).isEmpty();
    assertThat(document.validate(notFound, JSON.readTree("{\"error\":\"invalid_name\",\"message\":\"m\"}")))
        .isNotEmpty();
    assertThat(document.validate(notFound, JSON.readTree("{\"error\":\"not_found\"}"))).isNotEmpty();
  }

  @Test
  void requestsMatchTheirOperationAndAKeyMayHoldSlashes() {
    assertThat(document.match("GET", "/v1/objects/b/k/with/slashes"))
        .contains(new Operation("/v1/objects/{bucket}/{key}", "GET"));
    assertThat(document.match("GET", "/v1/objects/b")).contains(new Operation("/v1/objects/{bucket}", "GET"));
    assertThat(document.match("PATCH", "/v1/objects/b/k")).isEmpty();
    assertThat(document.match("GET", "/v2/objects/b")).isEmpty();
  }
}
