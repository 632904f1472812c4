package dev.cvos.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {
  @Test
  void codesAndStatusesAreExactlyTheContractsList() {
    Map<String, Integer> codes = Arrays.stream(ErrorCode.values())
        .collect(Collectors.toMap(ErrorCode::code, ErrorCode::status));
    assertThat(codes).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
        Map.entry("invalid_name", 400), Map.entry("invalid_request", 400), Map.entry("checksum_mismatch", 400),
        Map.entry("unauthorized", 401), Map.entry("forbidden", 403), Map.entry("not_found", 404),
        Map.entry("precondition_failed", 412), Map.entry("too_large", 413),
        Map.entry("range_not_satisfiable", 416), Map.entry("unavailable", 503),
        Map.entry("insufficient_storage", 507)));
  }

  @Test
  void codeIsFoundByItsWireName() {
    assertThat(ErrorCode.fromCode("too_large")).contains(ErrorCode.TOO_LARGE);
    assertThat(ErrorCode.fromCode("nope")).isEmpty();
  }

  @Test
  void everyStatusOfTheContractMapsToACodeOfThatStatus() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(ErrorCode.forStatus(code.status())).as("status %s", code.status())
          .hasValueSatisfying(mapped -> assertThat(mapped.status()).isEqualTo(code.status()));
    }
    assertThat(ErrorCode.forStatus(400)).contains(ErrorCode.INVALID_REQUEST);
    assertThat(ErrorCode.forStatus(412)).contains(ErrorCode.PRECONDITION_FAILED);
    assertThat(ErrorCode.forStatus(416)).contains(ErrorCode.RANGE_NOT_SATISFIABLE);
    assertThat(ErrorCode.forStatus(507)).contains(ErrorCode.INSUFFICIENT_STORAGE);
    assertThat(ErrorCode.forStatus(502)).isEmpty();
    assertThat(ErrorCode.forStatus(405)).isEmpty();
  }

  @Test
  void aServerGivesEveryOtherErrorStatusTheCodeOfItsClass() {
    assertThat(ErrorCode.ofStatus(416)).isEqualTo(ErrorCode.RANGE_NOT_SATISFIABLE);
    assertThat(ErrorCode.ofStatus(405)).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(ErrorCode.ofStatus(431)).isEqualTo(ErrorCode.INVALID_REQUEST);
    assertThat(ErrorCode.ofStatus(500)).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(ErrorCode.ofStatus(507)).isEqualTo(ErrorCode.INSUFFICIENT_STORAGE);
  }
}
