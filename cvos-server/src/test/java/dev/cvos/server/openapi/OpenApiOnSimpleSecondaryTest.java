package dev.cvos.server.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.cvos.api.CvosHeaders;
import dev.cvos.api.OpenApiDescription;
import dev.cvos.server.testing.RawHttps;
import dev.cvos.server.testing.TestingCvosServer;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A simple secondary forwards object requests to a storing server, but answers the API
 * description itself: with no storing server at all, objects are 503 and the description is 200.
 */
class OpenApiOnSimpleSecondaryTest {
  @Test
  void aSimpleSecondaryServesTheDescriptionItselfWithoutAnApiKey() throws Exception {
    try (TestingCvosServer secondary = TestingCvosServer.start(Map.of("server.role", "simple-secondary"))) {
      RawHttps https = new RawHttps(secondary.httpsUri(), secondary.certificate());
      RawHttps.Answer object = https.send("GET", "/v1/objects/b/k",
          "Authorization: Bearer " + TestingCvosServer.API_KEY + "\r\n", "");
      assertThat(object.status()).as("no storing server to forward to").isEqualTo(503);

      RawHttps.Answer json = https.send("GET", OpenApiDescription.JSON_PATH, "", "");
      assertThat(json.status()).isEqualTo(200);
      assertThat(json.headers().get("content-type")).startsWith("application/json");
      assertThat(json.headers().get(CvosHeaders.SERVER.toLowerCase(java.util.Locale.ROOT)))
          .isEqualTo(secondary.serverId());
      try (InputStream yaml = OpenApiDescription.openYaml()) {
        assertThat(new ObjectMapper().readTree(json.body())).isEqualTo(new YAMLMapper().readTree(yaml));
      }
    }
  }
}
