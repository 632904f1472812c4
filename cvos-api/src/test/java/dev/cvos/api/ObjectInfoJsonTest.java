package dev.cvos.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObjectInfoJsonTest {
  private final ObjectMapper json = CvosJson.newMapper();

  @Test
  void objectInfoHasTheContractsFieldsWithIsoInstantsAndAnExplicitNullExpiry() throws Exception {
    ObjectInfo info = new ObjectInfo("b", "k", 3, "ab".repeat(32), "text/plain",
        Instant.parse("2026-01-02T03:04:05Z"), null);
    assertThat(json.writeValueAsString(info)).isEqualTo(
        "{\"bucket\":\"b\",\"key\":\"k\",\"size\":3,\"sha256\":\"" + "ab".repeat(32)
            + "\",\"contentType\":\"text/plain\",\"created\":\"2026-01-02T03:04:05Z\",\"expires\":null}");
    assertThat(json.readValue(json.writeValueAsString(info), ObjectInfo.class)).isEqualTo(info);
  }

  @Test
  void lastListPageHasAnExplicitNullNext() throws Exception {
    assertThat(json.writeValueAsString(new ObjectList(List.of(), null))).isEqualTo("{\"items\":[],\"next\":null}");
  }
}
