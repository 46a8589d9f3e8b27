package org.chuanbo.dashboards.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiConfigProposalTest {

  @Test
  void shouldWriteWeightsAsTheReleasedFilesDo() {
    assertThat(DiConfigProposal.weight(0.3)).isEqualTo("0.30");
    assertThat(DiConfigProposal.weight(0.05)).isEqualTo("0.05");
    assertThat(DiConfigProposal.weight(0.125)).isEqualTo("0.125");
  }
}
