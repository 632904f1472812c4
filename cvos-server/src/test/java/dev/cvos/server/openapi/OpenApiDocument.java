package dev.cvos.server.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.cvos.api.OpenApiDescription;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The OpenAPI description as the drift tests read it: its operations, their parameters and
 * responses with {@code $ref}s resolved, and JSON Schema validation of values against it.
 * Validation is stricter than the description: a named object schema gets {@code
 * additionalProperties: false}, so a field the server sends but the description lacks fails the
 * test, while clients reading the description still see open objects.
 */
final class OpenApiDocument {
  static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "head", "patch", "options");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** An operation: a path template of the description and an upper-case HTTP method. */
  record Operation(String path, String method) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** A parameter of an operation. */
  record Parameter(String in, String name, boolean required, JsonNode schema) {}

  private final JsonNode root;
  private final SchemaRegistry schemas;
  private final ObjectNode strictComponents;

  private OpenApiDocument(JsonNode root) {
    this.root = root;
    this.schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
        builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    this.strictComponents = root.path("components").deepCopy();
    strictComponents.withObject("schemas").properties().forEach(e -> closeObjects(e.getValue()));
  }

  /** The description in cvos-api's resource. */
  static OpenApiDocument load() throws IOException {
    try (InputStream in = OpenApiDescription.openYaml()) {
      return new OpenApiDocument(new YAMLMapper().readTree(in));
    }
  }

  JsonNode root() {
    return root;
  }

  /** Every operation, in the order written. */
  Map<Operation, JsonNode> operations() {
    Map<Operation, JsonNode> operations = new LinkedHashMap<>();
    root.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
      if (METHODS.contains(op.getKey())) {
        operations.put(new Operation(path.getKey(), op.getKey().toUpperCase(Locale.ROOT)), op.getValue());
      }
    }));
    return operations;
  }

  /** The operation's parameters, the path item's ones included. */
  List<Parameter> parameters(Operation operation) {
    JsonNode pathItem = root.path("paths").path(operation.path());
    List<Parameter> parameters = new ArrayList<>();
    for (JsonNode list : List.of(pathItem.path("parameters"),
        pathItem.path(operation.method().toLowerCase(Locale.ROOT)).path("parameters"))) {
      for (JsonNode p : list) {
        JsonNode resolved = resolve(p);
        parameters.add(new Parameter(resolved.path("in").asText(), resolved.path("name").asText(),
            resolved.path("required").asBoolean(false), resolved.path("schema")));
      }
    }
    return parameters;
  }

  /** The statuses an operation declares. */
  Set<Integer> statuses(Operation operation) {
    Set<Integer> statuses = new TreeSet<>();
    operation(operation).path("responses").fieldNames().forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
    return statuses;
  }

  /** The declared response of a status, resolved. */
  Optional<JsonNode> response(Operation operation, int status) {
    JsonNode response = operation(operation).path("responses").path(Integer.toString(status));
    return response.isMissingNode() ? Optional.empty() : Optional.of(resolve(response));
  }

  /** The headers of a response, resolved, by name. */
  Map<String, JsonNode> headers(JsonNode response) {
    Map<String, JsonNode> headers = new LinkedHashMap<>();
    response.path("headers").properties().forEach(h -> headers.put(h.getKey(), resolve(h.getValue())));
    return headers;
  }

  JsonNode operation(Operation operation) {
    return root.path("paths").path(operation.path()).path(operation.method().toLowerCase(Locale.ROOT));
  }

  /** Follows a local {@code $ref} (again, until the node is not a reference). */
  JsonNode resolve(JsonNode node) {
    JsonNode current = node;
    for (int hops = 0; current.has("$ref"); hops++) {
      String ref = current.get("$ref").asText();
      if (!ref.startsWith("#/") || hops > 10) {
        throw new IllegalStateException("unresolvable $ref " + ref);
      }
      JsonNode target = root.at(ref.substring(1));
      if (target.isMissingNode()) {
        throw new IllegalStateException("$ref " + ref + " points nowhere");
      }
      current = target;
    }
    return current;
  }

  /** Every {@code $ref} of the document, to check that each resolves. */
  List<String> references() {
    List<String> refs = new ArrayList<>();
    collectReferences(root, refs);
    return refs;
  }

  private static void collectReferences(JsonNode node, List<String> refs) {
    if (node.has("$ref")) {
      refs.add(node.get("$ref").asText());
    }
    node.elements().forEachRemaining(child -> collectReferences(child, refs));
  }

  /**
   * Validates a value against a schema of the description (which may refer to its components);
   * returns the problems, none when valid.
   */
  List<String> validate(JsonNode schema, JsonNode value) {
    ObjectNode wrapper = NODES.objectNode();
    wrapper.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    wrapper.set("components", strictComponents);
    wrapper.putArray("allOf").add(schema);
    Schema compiled = schemas.getSchema(wrapper);
    return compiled.validate(value).stream().map(Object::toString).toList();
  }

  /**
   * The operation a request reaches: {@code {key}} takes the rest of the path (a key may hold
   * {@code /}), any other parameter one segment.
   */
  Optional<Operation> match(String method, String rawPath) {
    for (Operation operation : operations().keySet()) {
      if (operation.method().equals(method) && pattern(operation.path()).matcher(rawPath).matches()) {
        return Optional.of(operation);
      }
    }
    return Optional.empty();
  }

  private static Pattern pattern(String template) {
    StringBuilder regex = new StringBuilder();
    for (String part : template.split("(?=\\{)|(?<=\\})")) {
      if (part.equals("{key}")) {
        regex.append(".+");
      } else if (part.startsWith("{")) {
        regex.append("[^/]+");
      } else {
        regex.append(Pattern.quote(part));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private static void closeObjects(JsonNode schema) {
    if (schema instanceof ObjectNode object) {
      if (object.path("type").asText().equals("object") && object.has("properties")
          && !object.has("additionalProperties")) {
        object.put("additionalProperties", false);
      }
      for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
        closeObjects(it.next());
      }
    } else if (schema.isArray()) {
      schema.forEach(OpenApiDocument::closeObjects);
    }
  }
}
