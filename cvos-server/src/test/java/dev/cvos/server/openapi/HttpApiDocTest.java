package dev.cvos.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cvos.api.OpenApiDescription;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/http-api.md, the contract in prose, against the OpenAPI document the servers serve: every
 * operation (its id, method and path) and every error code of the document is in the page, and
 * every relative link of the page and of the guides reaches a file that the repository has and the
 * tar.gz ships (docs/ and examples/).
 */
class HttpApiDocTest {
  private static final Path DOCS = Path.of("../docs");

  @Test
  void everyOperationAndErrorCodeOfTheOpenApiDocumentIsInHttpApiMd() throws Exception {
    JsonNode document;
    try (InputStream in = OpenApiDescription.class.getResourceAsStream(OpenApiDescription.RESOURCE)) {
      document = new YAMLMapper().readTree(in);
    }
    String page = Files.readString(DOCS.resolve("http-api.md"));
    List<String> missing = new ArrayList<>();
    document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
      if (!op.getValue().has("operationId")) {
        return;
      }
      String method = op.getKey().toUpperCase(Locale.ROOT);
      String id = op.getValue().path("operationId").asText();
      String template = path.getKey();
      if (!page.contains("`" + id + "`")) {
        missing.add("operation " + id);
      }
      if (!page.contains("`" + method + " " + template)) {
        missing.add(method + " " + template + " (" + id + ")");
      }
    }));
    document.path("components").path("schemas").path("ErrorCode").path("enum").forEach(code -> {
      if (!page.contains("`" + code.asText() + "`")) {
        missing.add("error code " + code.asText());
      }
    });
    assertThat(missing).as("named in the OpenAPI document but not in docs/http-api.md").isEmpty();
  }

  @Test
  void everyRelativeLinkOfTheDocsReachesAFile() throws Exception {
    Pattern link = Pattern.compile("\\]\\(([^)#:]+)(#[^)]*)?\\)");
    List<String> broken = new ArrayList<>();
    for (String name : List.of("http-api.md", "plugin-guide.md", "integrator-guide.md", "operations.md")) {
      Matcher matcher = link.matcher(Files.readString(DOCS.resolve(name)));
      while (matcher.find()) {
        String target = matcher.group(1);
        // the tar.gz ships docs/ and examples/ side by side: a link elsewhere breaks there
        boolean shipped = !target.startsWith("../") || target.startsWith("../examples/");
        if (!shipped || !Files.exists(DOCS.resolve(target))) {
          broken.add(name + " -> " + target);
        }
      }
    }
    assertThat(broken).isEmpty();
  }
}
