package dev.cvos.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import dev.cvos.api.ErrorCode;
import dev.cvos.server.openapi.OpenApiDocument.Operation;
import dev.cvos.server.http.FrontHandler;
import dev.cvos.server.openapi.OpenApiDocument.Parameter;
import dev.cvos.server.testing.TestingCvosServer;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The static half of the OpenAPI drift check: what a real server serves against the description,
 * in both directions: operations, path, query and header parameters, produced media types; and the
 * contract's error codes. What is served is the Jersey resource model of the resources the server
 * registers (read from its {@link ResourceConfig}, so a new resource is seen without touching this
 * test) and the routes its front handlers declare ({@link FrontHandler#routes()}: the object reads).
 */
class OpenApiResourceModelTest {
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{\\s*([\\w.-]+)\\s*(:[^}]*)?}");

  private static TestingCvosServer server;
  private static Map<Operation, Served> served;
  private static OpenApiDocument document;

  /** Reads the resource model of the running server's Jersey application. */
  @BeforeAll
  static void readModels() throws Exception {
    server = TestingCvosServer.start();
    ResourceConfig application = server.server().injector().getInstance(ResourceConfig.class);
    served = new LinkedHashMap<>();
    List<Class<?>> resources = new ArrayList<>();
    application.getInstances().stream().map(Object::getClass).forEach(resources::add);
    resources.addAll(application.getClasses());
    for (Class<?> type : resources) {
      if (type.isAnnotationPresent(Path.class)) {
        collect(Resource.from(type), "");
      }
    }
    for (Resource programmatic : application.getResources()) {
      collect(programmatic, "");
    }
    Set<FrontHandler> fronts = server.server().injector().getInstance(Key.get(new TypeLiteral<Set<FrontHandler>>() {}));
    assertThat(fronts).as("front handlers").isNotEmpty();
    for (FrontHandler front : fronts) {
      for (FrontHandler.Route route : front.routes()) {
        Served declared = new Served(Set.of(), route.headers(), false, route.produces().stream()
            .map(MediaType::valueOf).toList());
        assertThat(served.put(new Operation(route.path(), route.method()), declared))
            .as("%s %s served twice", route.method(), route.path()).isNull();
      }
    }
    document = OpenApiDocument.load();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static void collect(Resource resource, String parent) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod method : resource.getResourceMethods()) {
      Operation operation = new Operation(path, method.getHttpMethod());
      assertThat(served.put(operation, Served.of(method))).as("two resource methods for %s", operation).isNull();
    }
    assertThat(resource.getResourceLocator()).as("sub-resource locator at %s", path).isNull();
    resource.getChildResources().forEach(child -> collect(child, path));
  }

  /** Joins Jersey path templates and drops their regular expressions: {key: .+} is {key}. */
  static String join(String parent, String path) {
    String joined = ("/" + parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
    if (joined.length() > 1 && joined.endsWith("/")) {
      joined = joined.substring(0, joined.length() - 1);
    }
    return TEMPLATE_VARIABLE.matcher(joined).replaceAll("{$1}");
  }

  @Test
  void everyResourceMethodIsAnOperationOfTheDescriptionAndBack() {
    assertThat(served).as("the server's resource model").isNotEmpty();
    assertThat(document.operations().keySet())
        .as("operations of openapi.yaml (left) vs resource methods of the server (right)")
        .containsExactlyInAnyOrderElementsOf(served.keySet());
  }

  @Test
  void pathParametersAreTheTemplatesVariables() {
    served.keySet().forEach(operation -> {
      Set<String> variables = new TreeSet<>();
      Matcher m = TEMPLATE_VARIABLE.matcher(operation.path());
      while (m.find()) {
        variables.add(m.group(1));
      }
      List<Parameter> pathParameters = inOf(operation, "path");
      assertThat(names(pathParameters)).as("path parameters of %s", operation).isEqualTo(variables);
      pathParameters.forEach(p -> assertThat(p.required()).as("%s of %s is required", p.name(), operation).isTrue());
    });
  }

  @Test
  void queryParametersAreTheDeclaredOnesAndNoOther() {
    served.forEach((operation, method) -> assertThat(names(inOf(operation, "query")))
        .as("query parameters of %s: openapi.yaml vs @QueryParam", operation)
        .isEqualTo(method.query()));
  }

  @Test
  void headerParametersCoverTheDeclaredOnesAndOthersAreReadFromTheHeaders() {
    served.forEach((operation, method) -> {
      Set<String> documented = lowerCase(names(inOf(operation, "header")));
      Set<String> declared = lowerCase(method.headers());
      assertThat(documented).as("@HeaderParam of %s missing from openapi.yaml", operation).containsAll(declared);
      Set<String> readElsewhere = new TreeSet<>(documented);
      readElsewhere.removeAll(declared);
      if (!readElsewhere.isEmpty()) {
        assertThat(method.readsHeaders())
            .as("%s documents headers %s but neither declares them (@HeaderParam) nor reads HttpHeaders",
                operation, readElsewhere)
            .isTrue();
      }
    });
  }

  @Test
  void producedMediaTypesAreTheSuccessResponsesContent() {
    served.forEach((operation, method) -> {
      if (!document.operations().containsKey(operation)) {
        return; // everyResourceMethodIsAnOperationOfTheDescriptionAndBack names it
      }
      int success = document.statuses(operation).stream().filter(s -> s < 300).findFirst().orElseThrow();
      Set<String> documented = new TreeSet<>();
      document.response(operation, success).orElseThrow().path("content").fieldNames()
          .forEachRemaining(documented::add);
      for (MediaType produced : method.produces()) {
        if (!produced.isWildcardType()) {
          assertThat(documented).as("%s content of %s", success, operation)
              .contains(produced.getType() + "/" + produced.getSubtype());
        }
      }
    });
  }

  @Test
  void theErrorCodeEnumIsTheContractsErrorCodes() {
    List<String> documented = new ArrayList<>();
    document.root().at("/components/schemas/ErrorCode/enum").forEach(code -> documented.add(code.asText()));
    assertThat(documented).containsExactly(Arrays.stream(ErrorCode.values()).map(ErrorCode::code).toArray(String[]::new));
  }

  @Test
  void everyErrorResponseCarriesTheCodesOfItsStatusAndEveryCodeHasOne() {
    Set<ErrorCode> used = new HashSet<>();
    document.operations().keySet().forEach(operation -> document.statuses(operation).stream().filter(s -> s >= 400)
        .forEach(status -> {
          JsonNode schema = document.response(operation, status).orElseThrow()
              .path("content").path("application/json").path("schema");
          Set<String> codes = new TreeSet<>();
          schema.path("allOf").forEach(part -> {
            JsonNode error = part.path("properties").path("error");
            if (error.has("const")) {
              codes.add(error.get("const").asText());
            }
            error.path("enum").forEach(code -> codes.add(code.asText()));
          });
          assertThat(codes).as("error codes of %s %s", operation, status).isNotEmpty();
          for (String code : codes) {
            ErrorCode errorCode = ErrorCode.fromCode(code).orElseThrow(() -> new AssertionError("unknown code " + code));
            assertThat(errorCode.status()).as("%s in %s %s", code, operation, status).isEqualTo(status);
            used.add(errorCode);
          }
        }));
    assertThat(used).as("error codes some response declares").containsExactlyInAnyOrder(ErrorCode.values());
  }

  @Test
  void theDescriptionIsOpenApi31AndEveryReferenceResolves() {
    assertThat(document.root().path("openapi").asText()).startsWith("3.1.");
    assertThat(document.references()).isNotEmpty()
        .allSatisfy(ref -> assertThat(document.resolve(JsonNodeFactory.instance.objectNode().put("$ref", ref))).isNotNull());
    assertThat(document.root().at("/components/securitySchemes/apiKey/scheme").asText()).isEqualTo("bearer");
  }

  private static List<Parameter> inOf(Operation operation, String in) {
    return document.parameters(operation).stream().filter(p -> p.in().equals(in)).toList();
  }

  private static Set<String> names(List<Parameter> parameters) {
    return parameters.stream().map(Parameter::name).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * What an operation declares it reads and produces: a resource method by its annotations, a
   * front handler's route by {@link FrontHandler.Route}.
   */
  private record Served(Set<String> query, Set<String> headers, boolean readsHeaders, List<MediaType> produces) {
    static Served of(ResourceMethod method) {
      return new Served(declared(method, Source.QUERY), declared(method, Source.HEADER), OpenApiResourceModelTest.readsHeaders(method),
          method.getProducedTypes());
    }
  }

  private static Set<String> declared(ResourceMethod method, Source source) {
    return method.getInvocable().getParameters().stream().filter(p -> p.getSource() == source)
        .map(p -> p.getSourceName()).collect(Collectors.toCollection(TreeSet::new));
  }

  private static boolean readsHeaders(ResourceMethod method) {
    return method.getInvocable().getParameters().stream()
        .anyMatch(p -> p.getSource() == Source.CONTEXT && p.getRawType() == HttpHeaders.class);
  }

  private static Set<String> lowerCase(Set<String> names) {
    return names.stream().map(n -> n.toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toCollection(TreeSet::new));
  }
}
