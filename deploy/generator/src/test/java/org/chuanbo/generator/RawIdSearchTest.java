package org.chuanbo.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RawIdSearchTest {

  private final RawIdSearch search = RawIdSearch.of(List.of("oWx3_member_0001", "ck_42", "dy7"));

  @Test
  void shouldFindAWholeIdInTextAndInBytes() {
    assertThat(search.in("{\"user_id\":\"oWx3_member_0001\"}")).containsExactly("oWx3_member_0001");
    assertThat(search.in("ck_42 and dy7".getBytes(StandardCharsets.UTF_8)))
        .containsExactly("ck_42", "dy7");
  }

  @Test
  void shouldFindTheStartOfAnIdThatACutLeftBehind() {
    byte[] record = "..user=oWx3_member_0001".getBytes(StandardCharsets.UTF_8);
    byte[] cut = Arrays.copyOf(record, record.length - 6);

    assertThat(search.in(cut)).containsExactly("oWx3_member_0001");
  }

  @Test
  void shouldNotTakeAPseudonymOrAnEmptyValueForAnId() {
    assertThat(search.in("3f9a0c1d2e4b5a6978877665544332211")).isEmpty();
    assertThat(search.in("oWx3_mem")).containsExactly("oWx3_member_0001");
    assertThat(search.in("oWx3_me")).isEmpty();
    assertThat(search.in((String) null)).isEmpty();
    assertThat(search.in((byte[]) null)).isEmpty();
  }

  @Test
  void shouldRefuseToSearchForNothing() {
    assertThatThrownBy(() -> RawIdSearch.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
