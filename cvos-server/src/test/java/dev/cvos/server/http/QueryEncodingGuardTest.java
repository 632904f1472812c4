package dev.cvos.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The query-escape check that runs before Jersey. */
class QueryEncodingGuardTest {
  @Test
  void queryEscapesMustHaveTwoHexDigits() {
    assertThat(QueryEncodingGuard.wellFormed("prefix=a%20b&limit=5")).isTrue();
    assertThat(QueryEncodingGuard.wellFormed("prefix=%zz")).isFalse();
    assertThat(QueryEncodingGuard.wellFormed("prefix=%2")).isFalse();
  }
}
